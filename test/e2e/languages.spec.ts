import type { Payload } from 'payload'
import type { Page } from 'playwright-core'

import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { recordLastRun } from '../../src/jobs/lastRun'
import { de } from '../../src/translations/de'
import { en } from '../../src/translations/en'
import { login, openBrowser, screenshotDir, startAdminServer } from './harness'

type Key = keyof typeof en.soundtrackReviews

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every German string, for the words German shares with English ("Film", "des Films"). */
const GERMAN = Object.values(de.soundtrackReviews).join('\n')

/** Each English string's literal parts (between `{{vars}}` and `<c>` tags) that no German string uses as words. */
const ENGLISH_PHRASES = (Object.entries(en.soundtrackReviews) as [Key, string][]).flatMap(([key, value]) =>
  value
    .split(/\{\{\w+\}\}|<\/?c>|\n/)
    .map((part) => part.replace(/^[\s,.:;()–-]+|[\s,.:;()–-]+$/g, ''))
    .filter(
      (part) =>
        /[A-Za-z]{3}/.test(part) &&
        !de.soundtrackReviews[key].includes(part) &&
        !new RegExp(`(?<![A-Za-zÄÖÜäöüß])${escape(part)}(?![A-Za-zÄÖÜäöüß])`).test(GERMAN),
    ),
)

/** The English phrases found on the page: visible text, aria-labels, placeholders, titles. */
const englishLeft = async (page: Page): Promise<string[]> => {
  const text = await page
    .locator('body')
    .evaluate((body) =>
      [
        (body as HTMLElement).innerText,
        ...[...body.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((node) =>
          ['aria-label', 'placeholder', 'title'].map((name) => node.getAttribute(name) ?? ''),
        ),
      ].join('\n'),
    )
  return ENGLISH_PHRASES.filter((phrase) => new RegExp(`(?<![A-Za-z])${escape(phrase)}(?![A-Za-z])`).test(text))
}

/** Account → Language, as an editor does it; Payload keeps the choice in the `payload-lng` cookie. */
const switchToGerman = async (session: BrowserSession): Promise<void> => {
  const { page, context } = session
  await page.goto('/admin/account')
  await page.locator('.rs__control', { has: page.locator('#language-select') }).click()
  await page.locator('.rs__option', { hasText: 'Deutsch' }).click()
  await expect
    .poll(async () => (await context.cookies()).find((cookie) => cookie.name === 'payload-lng')?.value)
    .toBe('de')
}

const editor = { email: 'redaktion@example.test', password: 'e2e-Editor-password-1' }
const admin = { email: 'admin@example.test', password: 'e2e-Admin-password-1' }
const ids: { film?: number | string; review?: number | string } = {}

/** A film with two tracks, and a queued draft review with one unnamed cue. */
const seed = async (payload: Payload): Promise<void> => {
  await payload.create({ collection: 'users', data: { ...admin, roles: ['admin'] }, depth: 0 })
  await payload.create({ collection: 'users', data: { ...editor, roles: ['editor'] }, depth: 0 })
  const film = await payload.create({ collection: 'films', data: { title: 'Das Boot' }, depth: 0 })
  for (const [number, title] of ['Titelmusik', 'Die Jagd'].entries()) {
    await payload.create({
      collection: 'tracks',
      data: { film: film.id, number: number + 1, title, durationSeconds: 120 },
      depth: 0,
    })
  }
  const review = await payload.create({
    collection: 'reviews',
    data: { title: 'Klaus Doldinger: Das Boot', film: film.id, cues: [{ note: 'Leise beginnend.' }] },
    depth: 0,
    draft: true,
  })
  await payload.updateGlobal({
    slug: 'publication-schedule',
    data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: [review.id] },
    depth: 0,
  })
  await recordLastRun(payload, { lastError: 'Datenbank gesperrt.', lastRunAt: new Date().toISOString() })
  Object.assign(ids, { film: film.id, review: review.id })
}

let server: RunningServer
const sessions: BrowserSession[] = []
const shots = screenshotDir()

const signedIn = async (user: { email: string; password: string }): Promise<BrowserSession> => {
  const session = await openBrowser(server.url)
  sessions.push(session)
  await login(session.page, user)
  return session
}

describe('the admin in German (browser)', () => {
  beforeAll(async () => {
    server = await startAdminServer({ name: 'e2e_languages', beforeListen: seed })
  })

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()))
    await server?.close()
  })

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const page = sessions.at(-1)?.page
      const file = path.join(shots, `${task.name.replace(/[^a-z0-9]+/gi, '-')}.png`)
      await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined)
      console.error(`Screenshot of the failure: ${file}`)
    })
  })

  it('should find the English it looks for while the admin is in English', async () => {
    const { page } = await signedIn(editor)
    await page.goto(`/admin/collections/films/${ids.film}`)
    await page.locator('.tracklist-import__title').waitFor()
    expect(await englishLeft(page)).toContain('Import track list')
  })

  it('should show the film view and the track-list import with its errors in German', async () => {
    const session = sessions[0]
    const { page } = session
    await switchToGerman(session)
    await page.goto(`/admin/collections/films/${ids.film}`)
    await page.locator('.tracklist-import__title', { hasText: 'Trackliste importieren' }).waitFor()
    await page.locator('.tracklist-import__header button').click()
    const text = page.locator('textarea[name="tracklistText"]')

    await text.fill('3. Die Verfolgung (1:12)\n4. Ohne Dauer\n5. Heimkehr (3:00)')
    await expect.poll(() => page.locator('.tracklist-import__row--error').textContent()).toContain('fehlt die Dauer')
    expect(await page.locator('.tracklist-import__summary').textContent()).toBe('1 von 3 Zeilen ist fehlerhaft.')
    expect(await englishLeft(page)).toEqual([])

    // Track 1 is on the film already: the server refuses the line by its code.
    await text.fill('1. Titelmusik (1:12)')
    await page.getByRole('button', { name: '1 Titel importieren' }).click()
    await expect
      .poll(() => page.locator('.tracklist-import__row--error td').last().textContent())
      .toBe(
        'Titel 1 auf CD 1 gibt es schon („Titelmusik“). Haken Sie „Vorhandene Titel ersetzen“ an, um die Trackliste des Films zu ersetzen.',
      )
    await page.locator('.payload-toast-container .toast-error').waitFor()
    expect(await englishLeft(page)).toEqual([])
  })

  it('should show the films list in German', async () => {
    const { page } = sessions[0]
    await page.goto('/admin/collections/films')
    await page.locator('.table', { hasText: 'Das Boot' }).waitFor()
    await page.locator('th', { hasText: 'Erscheinungsjahr' }).waitFor()
    expect(await englishLeft(page)).toEqual([])
  })

  it("should describe the review's weekly slot in German, with a German date", async () => {
    const { page } = sessions[0]
    await page.goto(`/admin/collections/reviews/${ids.review}`)
    const description = page.locator('.schedule-slot-description')
    await expect.poll(() => description.textContent(), { timeout: 30_000 }).toMatch(/^Eingeplant für Fr\., /)
    await page.locator('.cue-row-label', { hasText: 'Musikeinsatz 01' }).waitFor()
    expect(await englishLeft(page)).toEqual([])
  })

  it('should show an admin the schedule overview and the last run error in German', async () => {
    const session = await signedIn(admin)
    await switchToGerman(session)
    const { page } = session
    await page.goto('/admin/globals/publication-schedule')
    await page.locator('.schedule-overview__weeks').waitFor()
    expect(await page.locator('.schedule-overview__cadence').textContent()).toMatch(
      /^Jeden Freitag um 09:00 Uhr \(Europe\/London\)\. /,
    )
    await page.locator('.schedule-overview__error', { hasText: 'Der letzte Veröffentlichungslauf' }).waitFor()
    expect(await englishLeft(page)).toEqual([])
  })

  it("should show the server's refusal of a bad time zone in German", async () => {
    const { page } = sessions[1]
    await page.locator('#field-timezone').fill('Mars/Olympus')
    await page.locator('#action-save').click()
    await expect
      .poll(() => page.locator('.field-type.text', { has: page.locator('#field-timezone') }).textContent())
      .toContain('Die Zeitzone „Mars/Olympus“ ist keine IANA-Zeitzone, die dieser Server kennt')
    expect(await englishLeft(page)).toEqual([])
  })
})
