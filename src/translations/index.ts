import type { NestedKeysStripped } from '@payloadcms/translations'
import type { Config } from 'payload'

import { deepMergeSimple } from 'payload/shared'

import { de } from './de.js'
import { en } from './en.js'
import { fr } from './fr.js'

export const translations = { de, en, fr }

export type SoundtrackReviewsTranslations = typeof en

/** `soundtrackReviews:trackListImport.title`, … (plural keys without `_one`/`_other`). */
export type SoundtrackReviewsTranslationKeys = NestedKeysStripped<SoundtrackReviewsTranslations>

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
