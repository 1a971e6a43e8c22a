import type { CollectionConfig, Field, Payload } from 'payload'

/**
 * A site's changes to one of the plugin's collections, spread over the plugin's own config (as
 * `@payloadcms/plugin-form-builder`'s `formOverrides`).
 */
export type CollectionOverride = {
  /** Another slug, e.g. when the site already has a `reviews` collection; every reference follows it. */
  slug?: string
  labels?: CollectionConfig['labels']
  /** Merged over the plugin's admin options. */
  admin?: CollectionConfig['admin']
  /** Merged over the plugin's access rules, operation by operation. */
  access?: CollectionConfig['access']
  /** Receives the plugin's fields; returns the fields to use (add, remove, change). */
  fields?: (args: { defaultFields: Field[] }) => Field[]
  /** Appended after the plugin's own hooks, never replacing them. */
  hooks?: CollectionConfig['hooks']
}

/** The slugs the plugin's collections and global live at. */
export type PluginSlugs = {
  films: string
  composers: string
  tracks: string
  reviews: string
  schedule: string
}

export type ScheduleOptions = {
  /** Queue the publishing task runs on. */
  queue?: string
  /** How often due reviews are looked for (cron, with seconds optional). */
  cron?: string
  /**
   * Run the queue inside this process (Payload's `jobs.autoRun`). Turn off when an external cron
   * calls `GET /api/payload-jobs/run?queue=…` with `Authorization: Bearer <CRON_SECRET>`.
   */
  runInProcess?: boolean
}

/** Each process's memory for anonymous public responses (the cache behind `X-Cache`). */
export type CacheOptions = {
  /** Most bytes of responses kept per process; the least recently served go first. Default 64 MB. */
  maxBytes?: number
  /** A larger response is served but not kept. Default 2 MB. */
  maxEntryBytes?: number
}

export type SoundtrackReviewsOptions = {
  /** Keep the collections (so the schema and data stay) but add no endpoints or jobs. */
  disabled?: boolean
  usersCollection?: string
  schedule?: ScheduleOptions
  ratingScale?: number
  /** Absolute base URL of the public site (the feeds' home link, and the default `reviewUrl`). */
  siteUrl?: string
  /**
   * The public page of a published review, with `{slug}` and `{id}` placeholders, e.g.
   * `https://example.com/reviews/{slug}`; default `siteUrl` + `/reviews/{slug}`. Used by JSON-LD, feeds,
   * the schedule, iCalendar and `GET /api/reviews/by-slug/:slug`.
   */
  reviewUrl?: string
  /** Rich text rendered as HTML (`…HTML` in `by-slug`): headings move down this many levels (h1 → h2 at 1), at most to h6. */
  headingOffset?: number
  /** Names the publisher in JSON-LD and feeds. */
  publisher?: { name: string; url?: string }
  /**
   * The site's page for a review, with `{slug}` and `{id}` placeholders, e.g.
   * `https://example.com/reviews/{slug}?preview=true`. Adds Preview and Live Preview to reviews.
   */
  previewUrl?: string
  /** Most lines `POST /api/films/:id/tracklist` takes in one paste (blank lines not counted). */
  trackListMaxLines?: number
  cache?: CacheOptions
  overrides?: {
    films?: CollectionOverride
    composers?: CollectionOverride
    tracks?: CollectionOverride
    reviews?: CollectionOverride
  }
}

export type ResolvedOptions = {
  disabled: boolean
  usersCollection: string
  schedule: Required<ScheduleOptions>
  ratingScale: number
  siteUrl: string
  reviewUrl: string
  headingOffset: number
  publisher: { name: string; url?: string }
  previewUrl?: string
  trackListMaxLines: number
  cache: Required<CacheOptions>
  overrides: NonNullable<SoundtrackReviewsOptions['overrides']>
  slugs: PluginSlugs
}

/** The contract's slugs: the defaults when no override names another. */
export const defaultSlugs: PluginSlugs = {
  films: 'films',
  composers: 'composers',
  tracks: 'tracks',
  reviews: 'reviews',
  schedule: 'publication-schedule',
}

export const defaultOptions: ResolvedOptions = {
  disabled: false,
  usersCollection: 'users',
  schedule: { queue: 'soundtrack-reviews', cron: '* * * * *', runInProcess: true },
  ratingScale: 10,
  siteUrl: 'http://localhost:3000',
  reviewUrl: 'http://localhost:3000/reviews/{slug}',
  headingOffset: 1,
  publisher: { name: 'Exploring Soundtracks' },
  trackListMaxLines: 500,
  cache: { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 },
  overrides: {},
  slugs: defaultSlugs,
}

export const resolveOptions = (options: SoundtrackReviewsOptions = {}): ResolvedOptions => {
  const siteUrl = (options.siteUrl ?? defaultOptions.siteUrl).replace(/\/+$/, '')
  const resolved: ResolvedOptions = {
    ...defaultOptions,
    ...options,
    schedule: { ...defaultOptions.schedule, ...options.schedule },
    publisher: { ...defaultOptions.publisher, ...options.publisher },
    cache: { ...defaultOptions.cache, ...options.cache },
    siteUrl,
    reviewUrl: options.reviewUrl ?? `${siteUrl}/reviews/{slug}`,
    headingOffset: options.headingOffset ?? defaultOptions.headingOffset,
    overrides: { ...options.overrides },
    slugs: {
      films: options.overrides?.films?.slug ?? defaultSlugs.films,
      composers: options.overrides?.composers?.slug ?? defaultSlugs.composers,
      tracks: options.overrides?.tracks?.slug ?? defaultSlugs.tracks,
      reviews: options.overrides?.reviews?.slug ?? defaultSlugs.reviews,
      schedule: defaultSlugs.schedule,
    },
  }
  if (!Number.isFinite(resolved.ratingScale) || resolved.ratingScale <= 0) {
    throw new Error(`soundtrackReviews: ratingScale must be a positive number, got ${options.ratingScale}`)
  }
  if (!/^https?:\/\/[^/]/.test(resolved.reviewUrl) || !/\{(slug|id)\}/.test(resolved.reviewUrl)) {
    throw new Error(
      `soundtrackReviews: reviewUrl must be an absolute http(s) URL with {slug} or {id} in it, got "${resolved.reviewUrl}"`,
    )
  }
  if (!Number.isInteger(resolved.headingOffset) || resolved.headingOffset < 0 || resolved.headingOffset > 5) {
    throw new Error(`soundtrackReviews: headingOffset must be a whole number from 0 to 5, got ${options.headingOffset}`)
  }
  if (!Number.isInteger(resolved.trackListMaxLines) || resolved.trackListMaxLines < 1) {
    throw new Error(
      `soundtrackReviews: trackListMaxLines must be a whole number from 1, got ${options.trackListMaxLines}`,
    )
  }
  for (const name of ['maxBytes', 'maxEntryBytes'] as const) {
    if (!Number.isSafeInteger(resolved.cache[name]) || resolved.cache[name] < 0) {
      throw new Error(`soundtrackReviews: cache.${name} must be a whole number of bytes, got ${options.cache?.[name]}`)
    }
  }
  return resolved
}

/** Where the plugin keeps its resolved slugs and review URL on the Payload config, for hooks and endpoints. */
const CONFIG_KEY = 'soundtrackReviews'

type StoredSettings = Pick<ResolvedOptions, 'cache' | 'reviewUrl' | 'slugs'>

export const withPluginSettings = (
  custom: Record<string, unknown> | undefined,
  { slugs, reviewUrl, cache }: StoredSettings,
) => ({
  ...custom,
  [CONFIG_KEY]: { slugs, reviewUrl, cache } satisfies StoredSettings,
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

export const roles = ['admin', 'editor'] as const
export type Role = (typeof roles)[number]
