import type { NestedKeysStripped, TFunction } from '@payloadcms/translations'
import type { CollectionConfig, Config, Field, GlobalConfig } from 'payload'

import type { TranslatedLabel } from '../../fields/translate.js'

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

type Merged = NonNullable<NonNullable<Config['i18n']>['translations']>

const isTranslated = (value: unknown): value is TranslatedLabel =>
  typeof value === 'function' && typeof (value as Partial<TranslatedLabel>).translationKey === 'string'

/** `translated(key, vars)` as `{ en: …, de: … }` from the merged strings: Payload reads records afresh per language. */
const toRecord = (label: TranslatedLabel, merged: Merged): Record<string, string> => {
  const [namespace, key] = label.translationKey.split(/:(.*)/s)
  const stringIn = (language: string): unknown =>
    (merged[language as keyof Merged] as Record<string, Record<string, unknown>> | undefined)?.[namespace]?.[key]
  return Object.fromEntries(
    Object.keys(merged).map((language) => {
      const text = String(stringIn(language) ?? stringIn('en') ?? label.translationKey)
      return [
        language,
        text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(label.translationVars?.[name] ?? '')),
      ]
    }),
  )
}

const staticIn = <T>(value: T, merged: Merged): T => (isTranslated(value) ? toRecord(value, merged) : value) as T

/** Labels, descriptions and option labels of fields, recursively, as per-language records. */
const staticFields = (fields: Field[], merged: Merged): Field[] =>
  fields.map((field) => {
    const copy = { ...field } as Record<string, unknown> & Partial<Record<'fields' | 'tabs' | 'options', unknown>>
    copy.label = staticIn(copy.label, merged)
    if (copy.labels && typeof copy.labels === 'object') {
      const { singular, plural } = copy.labels as Record<string, unknown>
      copy.labels = { singular: staticIn(singular, merged), plural: staticIn(plural, merged) }
    }
    if (copy.admin && typeof copy.admin === 'object') {
      const admin = copy.admin as Record<string, unknown>
      copy.admin = { ...admin, description: staticIn(admin.description, merged) }
    }
    if (Array.isArray(copy.options)) {
      copy.options = copy.options.map((option: unknown) =>
        typeof option === 'object' && option !== null
          ? { ...option, label: staticIn((option as { label?: unknown }).label, merged) }
          : option,
      )
    }
    if (Array.isArray(copy.fields)) {
      copy.fields = staticFields(copy.fields as Field[], merged)
    }
    if (Array.isArray(copy.tabs)) {
      copy.tabs = (copy.tabs as Record<string, unknown>[]).map((tab) => ({
        ...tab,
        label: staticIn(tab.label, merged),
        fields: staticFields(tab.fields as Field[], merged),
      }))
    }
    return copy as Field
  })

/**
 * The plugin's field labels, descriptions and option labels as per-language records from the merged
 * strings (ours, then the site's): Payload 3.90 keeps some field schemas per collection, not per
 * language. Collection and global labels stay functions, which Payload calls per request.
 */
export const withStaticLabels = <T extends CollectionConfig | GlobalConfig>(entity: T, i18n: Config['i18n']): T => ({
  ...entity,
  fields: staticFields(entity.fields, i18n?.translations ?? {}),
})
