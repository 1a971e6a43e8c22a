import type { Payload } from 'payload'

import type { CacheOptions, PluginSlugs, ResolvedOptions } from './types.js'

import { defaultOptions, defaultSlugs } from './options.js'

/** Where the plugin keeps its resolved slugs and review URL on the Payload config, for hooks and endpoints. */
const CONFIG_KEY = 'soundtrackReviews'

type StoredSettings = Pick<ResolvedOptions, 'cache' | 'revalidate' | 'reviewUrl' | 'slugs'>

export const withPluginSettings = (
  custom: Record<string, unknown> | undefined,
  { slugs, reviewUrl, cache, revalidate }: StoredSettings,
) => ({
  ...custom,
  [CONFIG_KEY]: { slugs, reviewUrl, cache, revalidate } satisfies StoredSettings,
})

const settingsOf = (payload: Payload): StoredSettings | undefined =>
  payload.config.custom?.[CONFIG_KEY] as StoredSettings | undefined

/** The slugs this Payload instance's plugin was configured with. */
export const slugsOf = (payload: Payload): PluginSlugs => settingsOf(payload)?.slugs ?? defaultSlugs

/** The `reviewUrl` template this Payload instance's plugin was configured with. */
export const reviewUrlOf = (payload: Payload): string => settingsOf(payload)?.reviewUrl ?? defaultOptions.reviewUrl

/** The public cache's byte bounds this Payload instance's plugin was configured with. */
export const cacheLimitsOf = (payload: Payload): Required<CacheOptions> =>
  settingsOf(payload)?.cache ?? defaultOptions.cache

/** The site's `revalidate` option, called after each committed public change. */
export const revalidateOf = (payload: Payload): ResolvedOptions['revalidate'] => settingsOf(payload)?.revalidate
