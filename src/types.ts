import type { CollectionConfig, Field, Payload } from 'payload'

import type { ChangeData, ChangeEvent } from './changes/types.js'

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

/** One of Live Preview's device sizes, in pixels. */
export type PreviewBreakpoint = { name: string; label: string; width: number; height: number }

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

/** What `revalidate` is told after each committed public change. */
export type RevalidateArgs = {
  /** Cache tags whose content changed (`review:12`, `reviews`, `films` …; see CONTRACT.md). */
  tags: string[]
  /** Absolute URLs of the public pages and API paths that changed. */
  urls: string[]
  /** The event a reader would name, when there is one (`review.updated` …). */
  event?: ChangeEvent
  data: ChangeData
  payload: Payload
}

export type WebhookOptions = {
  /**
   * Seconds from a failed attempt to the next: the default is Standard Webhooks' schedule (5 s,
   * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h), with jitter. Shorten it for tests.
   */
  retrySeconds?: number[]
  /** Endpoints on loopback and private networks (a local frontend in development). Default false. */
  allowPrivateNetworks?: boolean
  /** An endpoint is disabled after this many failed deliveries in a row. Default 20. */
  maxConsecutiveFailures?: number
  /** Per-attempt timeout in milliseconds. Default 10 000. */
  timeoutMs?: number
  /** Days a delivered or failed delivery stays in the log before the sweep deletes it. Default 30. */
  keepDays?: number
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
   * `https://example.com/reviews/{slug}?preview=true`. Adds Preview and Live Preview to reviews. A
   * path (`/reviews/{slug}?draft=true`) opens on the admin's own origin, for a site served by the same
   * app. To add something per request (a signed, expiring link), set `overrides.reviews.admin.preview`.
   */
  previewUrl?: string
  /**
   * The device sizes Live Preview offers (Payload's `admin.livePreview.breakpoints`; Payload adds
   * its own "Responsive"). Default: mobile 375 × 667, tablet 768 × 1024, desktop 1440 × 900. Payload
   * shows each `label` as given, untranslated.
   */
  previewBreakpoints?: PreviewBreakpoint[]
  /** Most lines `POST /api/films/:id/tracklist` takes in one paste (blank lines not counted). */
  trackListMaxLines?: number
  cache?: CacheOptions
  /**
   * Called after each committed public change (admin, REST, Local API, the publishing job), outside
   * any render: e.g. `revalidateTag` for each tag when the frontend shares this Next app.
   */
  revalidate?: (args: RevalidateArgs) => Promise<void> | void
  /** Signed webhooks (Standard Webhooks) to the endpoints admins add in `webhook-endpoints`. */
  webhooks?: WebhookOptions
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
  previewBreakpoints: PreviewBreakpoint[]
  trackListMaxLines: number
  cache: Required<CacheOptions>
  revalidate?: SoundtrackReviewsOptions['revalidate']
  webhooks: Required<WebhookOptions>
  overrides: NonNullable<SoundtrackReviewsOptions['overrides']>
  slugs: PluginSlugs
}
