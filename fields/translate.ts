import type { TFunction } from '@payloadcms/translations'

/** One of the plugin's keys; their strings live in src/translations, which fields/ does not import. */
export type PluginKey = `soundtrackReviews:${string}`

/** Payload's `t` (`req.t`, or the one a label function gets), narrowed to the plugin's keys `K`. */
export const pluginT = <K extends string = PluginKey>(t: unknown): TFunction<K> => t as TFunction<K>

/** A label or description made from one of the plugin's keys: the key and its values travel with it. */
export type TranslatedLabel = (({ t }: { t: unknown }) => string) & {
  translationKey: string
  translationVars?: Record<string, unknown>
}

/**
 * A label or description Payload reads in the reader's language: `({ t }) => t(key, vars)`. The
 * plugin turns it into a per-language record once the site's translations are merged (see
 * src/translations), so no Payload cache keeps it in the first visitor's language.
 */
export const translated = <K extends string = PluginKey>(key: K, vars?: Record<string, unknown>): TranslatedLabel =>
  Object.assign(({ t }: { t: unknown }): string => pluginT<K>(t)(key, vars), {
    translationKey: key,
    translationVars: vars,
  })

/** What was sent instead of a value, in words: "a list", "an object", "null" (`t` is Payload's). */
export const describeGiven = (t: unknown, value: unknown): string => {
  const kind = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value
  return pluginT(t)(
    `soundtrackReviews:given.${['boolean', 'list', 'null', 'number', 'string'].includes(kind) ? kind : 'object'}`,
  )
}
