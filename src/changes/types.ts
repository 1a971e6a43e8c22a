/** What a frontend or webhook receiver is told happened; see `CONTRACT.md`. */
export const CHANGE_EVENTS = [
  'review.published',
  'review.updated',
  'review.unpublished',
  'review.deleted',
  'schedule.changed',
  'schedule.missed',
  'webhook.test',
] as const

export type ChangeEvent = (typeof CHANGE_EVENTS)[number]

/** What a change is about: at least `id`, `slug`, `url` and `title` for a review. */
export type ChangeData = {
  id?: number | string
  slug?: string
  url?: string
  title?: string
  /** When the review went (or goes) public. */
  publishedAt?: string
  /** The slot the publishing job published it at (`review.published` by the schedule). */
  scheduledFor?: string
  /** On a change without an event: what was written (`film`, `track`, `composer`; `schedule` for a queued draft), with its `id`. */
  type?: string
  [key: string]: unknown
}

/**
 * One public consequence of a committed write: the cache tags and URLs whose content it changed
 * and, where a reader would call it an event, its name. A change without an event (a film that no
 * published review shows, edited) still changes public responses, so caches hear of it; webhooks do not.
 */
export type Change = {
  event?: ChangeEvent
  tags: string[]
  urls: string[]
  data: ChangeData
}
