import type { Payload } from 'payload'

import type { ID } from '../relationID.js'
import type { Change, ChangeEvent } from './types.js'

import { relationID } from '../relationID.js'
import { reviewURL } from '../reviewURL.js'
import { reviewUrlOf, slugsOf } from '../settings.js'
import { TAGS } from './tags.js'

/** The fields of a review a change is told from. */
export type ReviewDoc = {
  id: ID
  slug?: null | string
  title?: null | string
  publishedAt?: null | string
  publishAt?: null | string
  film?: unknown
  _status?: null | string
}

/** An absolute URL of the API when the config has a `serverURL`, else the path. */
export const apiURL = (payload: Payload, path: string): string =>
  `${payload.config.serverURL ?? ''}${payload.config.routes.api}${path}`

/** Everything public a review's change touches: its pages, the lists and feeds, the schedule, the catalog's joins. */
export const reviewTagsAndURLs = (payload: Payload, review: ReviewDoc, oldSlug?: string) => {
  const { reviews } = slugsOf(payload)
  const slugs = [...new Set([review.slug, oldSlug].filter((slug): slug is string => Boolean(slug)))]
  const film = relationID(review.film)
  return {
    tags: [
      TAGS.review(review.id),
      ...slugs.map(TAGS.reviewSlug),
      TAGS.reviews,
      TAGS.feeds,
      TAGS.schedule,
      TAGS.films,
      TAGS.tracks,
      TAGS.composers,
      ...(film === undefined ? [] : [TAGS.film(film)]),
    ],
    urls: [
      ...slugs.map((slug) => reviewURL(reviewUrlOf(payload), { id: review.id, slug })),
      ...slugs.map((slug) => apiURL(payload, `/${reviews}/by-slug/${encodeURIComponent(slug)}`)),
      apiURL(payload, `/${reviews}/${review.id}`),
      apiURL(payload, `/${reviews}/${review.id}/json-ld`),
      ...['rss', 'atom', 'json'].map((format) => apiURL(payload, `/feeds/reviews.${format}`)),
      apiURL(payload, '/schedule'),
      apiURL(payload, '/schedule.ics'),
    ],
  }
}

/** A change of one published (or formerly published) review, as every consumer of the feed hears it. */
export const reviewChange = (
  payload: Payload,
  event: ChangeEvent,
  review: ReviewDoc,
  { oldSlug, scheduledFor }: { oldSlug?: string; scheduledFor?: string } = {},
): Change => ({
  event,
  ...reviewTagsAndURLs(payload, review, oldSlug),
  data: {
    id: review.id,
    slug: review.slug ?? undefined,
    url: reviewURL(reviewUrlOf(payload), { id: review.id, slug: review.slug }),
    title: review.title ?? undefined,
    publishedAt: review.publishedAt ?? undefined,
    film: relationID(review.film),
    ...(scheduledFor ? { scheduledFor } : {}),
  },
})
