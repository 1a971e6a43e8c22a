import type { CollectionConfig, Field } from 'payload'

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
