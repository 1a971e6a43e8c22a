import type { TFunction } from '@payloadcms/translations'

/** One of the plugin's keys; their strings live in src/translations, which fields/ does not import. */
export type PluginKey = `soundtrackReviews:${string}`

/** Payload's `t` (`req.t`, or the one a label function gets), narrowed to the plugin's keys `K`. */
export const pluginT = <K extends string = PluginKey>(t: unknown): TFunction<K> => t as TFunction<K>

/** A label or description Payload reads in the reader's language: `({ t }) => t(key, vars)`. */
export const translated =
  <K extends string = PluginKey>(key: K, vars?: Record<string, unknown>) =>
  ({ t }: { t: unknown }): string =>
    pluginT<K>(t)(key, vars)

/** What was sent instead of a value, in words: "a list", "an object", "null" (`t` is Payload's). */
export const describeGiven = (t: unknown, value: unknown): string => {
  const kind = Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value
  return pluginT(t)(
    `soundtrackReviews:given.${['boolean', 'list', 'null', 'number', 'string'].includes(kind) ? kind : 'object'}`,
  )
}
