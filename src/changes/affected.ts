import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'
import type { ReviewDoc } from './reviewChange.js'
import type { Change } from './types.js'

import { relationID } from '../relationID.js'
import { slugsOf } from '../settings.js'
import { reviewTagsAndURLs } from './reviewChange.js'

/** What a catalog write touched: films directly, or composers (whose films and tracks show them). */
export type Affected = { films: ID[]; composers: ID[] }

const idsOf = (values: unknown[]): ID[] => [
  ...new Set(values.map(relationID).filter((id): id is ID => id !== undefined)),
]

/** The films a composer shows in: credited on the film, or on one of its tracks. */
const filmsOfComposers = async (req: PayloadRequest, composers: ID[]): Promise<ID[]> => {
  if (composers.length === 0) {
    return []
  }
  const { films, tracks } = slugsOf(req.payload)
  const find = (collection: string, select: Record<string, true>) =>
    req.payload.find({
      collection: collection as CollectionSlug,
      where: { composers: { in: composers } },
      select,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
  // One after the other: queries inside one transaction share its connection.
  const credited = await find(films, {})
  const onTracks = await find(tracks, { film: true })
  return idsOf([
    ...credited.docs.map(({ id }) => id),
    ...onTracks.docs.map((track) => (track as { film?: unknown }).film),
  ])
}

/**
 * The published reviews whose public pages show what changed (their film, its tracks, its
 * composers), from the main rows the public reads: one query for films, three for composers.
 */
export const publishedReviewsShowing = async (req: PayloadRequest, affected: Affected): Promise<ReviewDoc[]> => {
  const films = idsOf([...affected.films, ...(await filmsOfComposers(req, idsOf(affected.composers)))])
  if (films.length === 0) {
    return []
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { and: [{ film: { in: films } }, { _status: { equals: 'published' } }] },
    select: { slug: true, title: true, film: true, publishedAt: true } as Record<string, true>,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs as unknown as ReviewDoc[]
}

/** A published review that links to others (its page shows their titles, films and URLs). */
export type RelatingReview = ReviewDoc & { relatedReviews?: unknown[] | null }

/** The published reviews that link to any of `ids`: one query, none for no ids. */
export const publishedReviewsRelatedTo = async (req: PayloadRequest, ids: ID[]): Promise<RelatingReview[]> => {
  if (ids.length === 0) {
    return []
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { and: [{ relatedReviews: { in: ids } }, { _status: { equals: 'published' } }] },
    select: { slug: true, title: true, film: true, publishedAt: true, relatedReviews: true } as Record<string, true>,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs as unknown as RelatingReview[]
}

/** A review's change, joined by the tags and URLs of the pages (among `relating`) that link to it. */
export const withRelatedPages = (req: PayloadRequest, change: Change, id: ID, relating: RelatingReview[]): Change => {
  const extra = relating
    .filter(
      (review) =>
        review.id !== id && idsOf(review.relatedReviews ?? []).some((linked) => String(linked) === String(id)),
    )
    .map((review) => reviewTagsAndURLs(req.payload, review))
  return {
    ...change,
    tags: [...new Set([...change.tags, ...extra.flatMap(({ tags }) => tags)])],
    urls: [...new Set([...change.urls, ...extra.flatMap(({ urls }) => urls)])],
  }
}
