import type { I18nOptions } from '@payloadcms/translations'

import { initI18n } from '@payloadcms/translations'
import { de as payloadDe } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { formatClock, MAX_CLOCK_SECONDS, parseClock, toISO8601Duration } from '../fields/duration'
import { validateRating } from '../fields/rating'
import { slugify } from '../fields/slug'
import { translations, withTranslations } from '../src/translations'

/** Payload's own i18n with the plugin's strings merged in, as a request in `language` gets it. */
const i18nIn = (language: 'de' | 'en') =>
  initI18n({
    config: withTranslations({
      fallbackLanguage: 'en',
      supportedLanguages: { en: payloadEn, de: payloadDe },
    }) as I18nOptions,
    context: 'api',
    language,
  })
const english = await i18nIn('en')

describe('parseClock', () => {
  it.each([
    ['1:12', 72],
    ['0:05', 5],
    ['75:00', 4500],
    ['1:02:03', 3723],
    [' 4:19 ', 259],
    ['23:59:59', MAX_CLOCK_SECONDS],
  ])('should read %j as %i seconds', (input, seconds) => {
    expect(parseClock(input)).toEqual({ ok: true, seconds })
  })

  it.each(['1:75', '-5', 'abc', '1:5', '1:2:3', '', '24:00:00'])(
    'should refuse %j with a reason naming it',
    (input) => {
      const parsed = parseClock(input)
      expect(parsed.ok).toBe(false)
      expect(parsed.ok ? '' : parsed.reason).toContain(`“${input}”`)
    },
  )

  it('should say why seconds over 59 and days are refused', () => {
    expect(parseClock('1:75')).toEqual({
      ok: false,
      code: 'secondsOver59',
      params: { value: '1:75', seconds: '75' },
      reason: '“1:75” has 75 seconds; seconds go up to 59',
    })
    expect(parseClock('24:00:00')).toEqual({
      ok: false,
      code: 'tooLong',
      params: { value: '24:00:00' },
      reason: '“24:00:00” is longer than 23:59:59',
    })
  })
})

describe('formatClock', () => {
  it.each([
    [72, '1:12'],
    [5745, '1:35:45'],
    [3130, '52:10'],
    [3600, '1:00:00'],
    [0, '0:00'],
  ])('should format %i seconds as %j', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text)
  })

  it('should give back what parseClock read', () => {
    for (const text of ['0:01', '4:19', '59:59', '1:00:00', '23:59:59']) {
      const parsed = parseClock(text)
      expect(parsed.ok && formatClock(parsed.seconds)).toBe(text)
    }
  })
})

describe('toISO8601Duration', () => {
  it.each([
    [72, 'PT1M12S'],
    [5745, 'PT1H35M45S'],
    [3600, 'PT1H'],
    [0, 'PT0S'],
  ])('should write %i seconds as %j', (seconds, iso) => {
    expect(toISO8601Duration(seconds)).toBe(iso)
  })
})

describe('validateRating', () => {
  it.each([0, 7.5, 10])('should accept %d on a scale of 10', (value) => {
    expect(validateRating(value, 10, english)).toBe(true)
  })

  it('should accept an unrated review', () => {
    expect(validateRating(null, 10, english)).toBe(true)
    expect(validateRating(undefined, 10, english)).toBe(true)
  })

  it.each([
    [10.5, 'Rating must be between 0 and 10, got 10.5.'],
    [-1, 'Rating must be between 0 and 10, got -1.'],
    [7.3, 'Rating goes in steps of 0.5 (e.g. 7.5), got 7.3.'],
  ])('should refuse %d on a scale of 10 with a message', (value, message) => {
    expect(validateRating(value, 10, english)).toBe(message)
  })

  it('should refuse in the request language', async () => {
    expect(validateRating(7.3, 10, await i18nIn('de'))).toBe(
      'Die Bewertung geht in Schritten von 0,5 (z. B. 7,5), nicht 7.3.',
    )
  })
})

describe('slugify', () => {
  it('should drop punctuation and dashes between words', () => {
    expect(slugify('Mission: Impossible – Fallout')).toBe('mission-impossible-fallout')
  })

  it('should strip accents', () => {
    expect(slugify('Jóhann Jóhannsson')).toBe('johann-johannsson')
    expect(slugify('Déjà Vu à Paris')).toBe('deja-vu-a-paris')
  })

  it('should spell "&" as "and"', () => {
    expect(slugify('Scalper & Hammer')).toBe('scalper-and-hammer')
    expect(slugify('Rock&Roll')).toBe('rock-and-roll')
  })

  it('should trim hyphens at both ends', () => {
    expect(slugify('  …Fallout!  ')).toBe('fallout')
  })

  it('should transliterate scripts a library covers and keep the letters of the others', () => {
    expect(slugify('Ryūichi Sakamoto')).toBe('ryuichi-sakamoto')
    expect(slugify('Солярис')).toBe('solyaris')
    expect(slugify('Straße ﬁlm')).toBe('strasse-film')
    expect(slugify('千と千尋の神隠し')).toBe('千と千尋の神隠し')
    expect(slugify('기생충 (2019)')).toBe('기생충-2019')
    // Marks that are part of the letter (a virama, a vowel sign) stay: dropping them misspells the word.
    expect(slugify('दिलवाले दुल्हनिया ले जायेंगे')).toBe('दिलवाले-दुल्हनिया-ले-जायेंगे')
    expect(slugify('தமிழ்')).toBe('தமிழ்')
    expect(slugify('ชื่อ')).toBe('ชื่อ')
    expect(slugify('!!!')).toBe('')
  })

  it('should cut a long title at a word, within 100 characters', () => {
    expect(slugify(`${'a'.repeat(60)} ${'b'.repeat(60)}`)).toBe('a'.repeat(60))
    expect(slugify(`${'a'.repeat(99)} ${'b'.repeat(9)}`)).toBe('a'.repeat(99))
    expect(slugify(`${'a'.repeat(100)} b`)).toBe('a'.repeat(100))
    expect(Array.from(slugify('𠮷'.repeat(150)))).toHaveLength(100)
  })
})

describe('translations of fields/', () => {
  it('should have every key fields/ names (it cannot import their type) in English, German and French', () => {
    const keys = readdirSync('fields').flatMap((file) =>
      [...readFileSync(path.join('fields', file), 'utf8').matchAll(/'soundtrackReviews:([\w.]+)'/g)].map(
        ([, key]) => key,
      ),
    )
    expect(keys.length).toBeGreaterThan(10)
    for (const strings of Object.values(translations)) {
      expect(keys.filter((key) => !(key in strings.soundtrackReviews))).toEqual([])
    }
  })
})
