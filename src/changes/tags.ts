import type { Payload } from 'payload'

import type { ID } from '../relationID.js'

import { slugsOf } from '../settings.js'

/**
 * The cache tags of public content: one place for their names (CONTRACT.md lists them). A change
 * names the tags it touched; a cached response names the tags it was built from; a frontend's
 * `revalidateTag` and a webhook receiver get the same strings.
 */
export const TAGS = {
  /** Any public content: every change carries it (a response that cannot name its sources uses it). */
  content: 'content',
  /** Review lists (REST), the feeds, the sitemap: anything that lists published reviews. */
  reviews: 'reviews',
  feeds: 'feeds',
  schedule: 'schedule',
  films: 'films',
  tracks: 'tracks',
  composers: 'composers',
  review: (id: ID) => `review:${id}`,
  reviewSlug: (slug: string) => `review:slug:${slug}`,
  film: (id: ID) => `film:${id}`,
  filmSlug: (slug: string) => `film:slug:${slug}`,
  composer: (id: ID) => `composer:${id}`,
  composerSlug: (slug: string) => `composer:slug:${slug}`,
} as const

/**
 * The tags an anonymous GET under the API route depends on, from its path alone (so they are known
 * before the response is computed). A single review is tagged by what its URL names (`:idOrSlug`
 * may be either); everything else by what it lists. Null: not public content the cache keeps.
 */
export const tagsOfPath = (payload: Payload, pathname: string): null | string[] => {
  const segments = pathname.slice(payload.config.routes.api.length).split('/').filter(Boolean)
  const [first, second, third] = segments.map((segment) => {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  })
  const { films, tracks, composers, reviews } = slugsOf(payload)
  switch (first) {
    case reviews:
      if (second === undefined) {
        return [TAGS.reviews]
      }
      if (second === 'by-slug' && third !== undefined) {
        return [TAGS.reviewSlug(third)]
      }
      return [TAGS.review(second), TAGS.reviewSlug(second)]
    case films:
      return [TAGS.films]
    case tracks:
      return [TAGS.tracks]
    case composers:
      return [TAGS.composers]
    case 'feeds':
      return [TAGS.feeds]
    case 'schedule':
    case 'schedule.ics':
      return [TAGS.schedule]
    default:
      return null
  }
}
