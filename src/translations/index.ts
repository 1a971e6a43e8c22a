import type { NestedKeysStripped, TFunction } from '@payloadcms/translations'
import type { Config } from 'payload'

import { deepMergeSimple } from 'payload/shared'

import { pluginT, translated as pluginTranslated } from '../../fields/translate.js'

import { de } from './de.js'
import { en } from './en.js'
import { fr } from './fr.js'

// English first: the fallback where Payload takes a per-language record (byLanguage).
export const translations = { en, de, fr }

export type SoundtrackReviewsTranslations = typeof en

/** `soundtrackReviews:trackListImport.title`, … (plural keys without `_one`/`_other`). */
export type SoundtrackReviewsTranslationKeys = NestedKeysStripped<SoundtrackReviewsTranslations>

/** `req.t` (or a label function's `t`) with our keys type-checked: `soundtrackT(req.t)('soundtrackReviews:…', vars)`. */
export const soundtrackT = pluginT<SoundtrackReviewsTranslationKeys>

export type SoundtrackT = TFunction<SoundtrackReviewsTranslationKeys>

/** A label, description or option label in the reader's language: `translated('soundtrackReviews:field.title')`. */
export const translated = pluginTranslated<SoundtrackReviewsTranslationKeys>

/** Our string in each language we ship, where Payload takes or calls no function (`admin.group`, a global's description). */
export const byLanguage = (key: keyof SoundtrackReviewsTranslations['soundtrackReviews']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(translations).map(([language, { soundtrackReviews }]) => [language, soundtrackReviews[key]]),
  )

/**
 * The site's i18n with our strings added: a language the site offers and we do not translate reads
 * our English (not bare keys), and the site's own `translations` win over ours, key by key.
 */
export const withTranslations = (i18n: Config['i18n']): Config['i18n'] => {
  const shipped: Partial<Record<string, SoundtrackReviewsTranslations>> = translations
  const offered = Object.keys(i18n?.supportedLanguages ?? { en })
  const ours = Object.fromEntries(offered.map((language) => [language, shipped[language] ?? en]))
  return { ...i18n, translations: deepMergeSimple({ ...translations, ...ours }, i18n?.translations ?? {}) }
}
