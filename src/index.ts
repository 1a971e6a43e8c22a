export { soundtrackReviews } from './plugin.js'
export { defaultSlugs, resolveOptions } from './options.js'
export { roles } from './access/roles.js'
export type {
  CacheOptions,
  CollectionOverride,
  PluginSlugs,
  PreviewBreakpoint,
  ResolvedOptions,
  ScheduleOptions,
  SoundtrackReviewsOptions,
} from './types.js'
export type { Role } from './access/roles.js'
export { duration, formatClock, parseClock, toISO8601Duration } from '../fields/duration.js'
export { timecode } from '../fields/timecode.js'
export { rating } from '../fields/rating.js'
export { slug, slugify } from '../fields/slug.js'
export { INSTRUMENTATION } from '../collections/Reviews.js'
export type { Instrumentation } from '../collections/Reviews.js'
export { parseTrackList } from './tracklist/parseTrackList.js'
export type { ParsedTrack, TrackListError, TrackListErrorCode } from './tracklist/parseTrackList.js'
/** The plugin's admin strings (en, de, fr), for a site that adds a language or rewords ours (see README). */
export { translations } from './translations/index.js'
export type { SoundtrackReviewsTranslationKeys, SoundtrackReviewsTranslations } from './translations/index.js'
/** Server-side helpers for frontends on the Local API (same output as the endpoints). */
export { buildReviewJsonLd, loadReviewJsonLd, serializeJsonLd } from './jsonLd/index.js'
export { loadReviewPage, loadReviewPreview } from './reviewPage/loadReviewPage.js'
/** Lexical rich text to HTML as the review page's bodies get it (headings moved down by `headingOffset`). */
export { richTextHTML } from './reviewPage/richTextHTML.js'
export type { ReviewPage, ReviewPageCue, ReviewPageTrack, ReviewPreview } from './reviewPage/loadReviewPage.js'
export { headFromGet } from './endpoints/headFromGet.js'
export { readPublicSchedule } from './endpoints/schedule.js'
export type { PublicSchedule, UpcomingSlot } from './endpoints/schedule.js'
export { publishDueReviews } from './jobs/publishDueReviews.js'
/** For hosts that run a second Payload instance in the same process (see README). */
export { claimJobRunner } from './jobs/jobRunner.js'
/** The public cache: wrap a host's own endpoints or REST route (see README, Caching). */
export { cachedEndpoint, cachedPageRead, cachedRestRead, CONTENT_POLICY, SCHEDULE_POLICY } from './cache/publicCache.js'
export type { CachePolicy } from './cache/publicCache.js'
/** Webhooks: what a receiver gets (the body; Standard Webhooks headers) and the collections' slugs. */
export type { WebhookAttempt, WebhookBody, WebhookDelivery, WebhookEndpoint } from './webhooks/deliveries.js'
export { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from './webhooks/slugs.js'
/** Search: the index (a migration creates and fills it) and the query the endpoint answers with (see README). */
export { createSearchIndex, rebuildSearchIndex } from './search/searchIndex.js'
export { parseSearchParams, SEARCH_CACHE_TAGS, searchPublished } from './search/endpoints.js'
export type { SearchParams, SearchResponse, SearchResult } from './search/endpoints.js'
export type { SearchType } from './search/documents.js'
export type { WebhookOptions } from './types.js'
