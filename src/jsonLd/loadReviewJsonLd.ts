import type { CollectionSlug, PayloadRequest } from 'payload'
import type { Review, WithContext } from 'schema-dts'

import { isValidID } from 'payload'

import type { ResolvedOptions } from '../options.js'
import type {
  ReviewJsonLdComposer,
  ReviewJsonLdFilm,
  ReviewJsonLdReview,
  ReviewJsonLdTrack,
} from './buildReviewJsonLd.js'
import { slugsOf } from '../options.js'
import { buildReviewJsonLd } from './buildReviewJsonLd.js'
import { relationID } from '../relationID.js'
import type { ID } from '../relationID.js'

export type LoadReviewJsonLdArgs = {
  req: PayloadRequest
  /** As it arrives in a URL or from the Local API: `"12"`, `12` or an ObjectId string. */
  id: ID
  options: Pick<ResolvedOptions, 'publisher' | 'ratingScale' | 'siteUrl' | 'usersCollection'>
}

type ReviewDoc = ReviewJsonLdReview & { film?: ID | { id: ID } | null; author?: ID | { id: ID } | null }

/** The id in the reviews collection's own type, or null when it cannot name a review (so: not found, never a 500). */
export const toReviewID = (req: PayloadRequest, id: ID): ID | null => {
  const collection = req.payload.collections[slugsOf(req.payload).reviews as CollectionSlug]
  const idType = collection?.customIDType ?? req.payload.db.defaultIDType
  const text = String(id).trim()
  if (idType === 'number') {
    return /^\d{1,15}$/.test(text) ? Number(text) : null
  }
  const isObjectID = !collection?.customIDType && req.payload.db.name === 'mongoose'
  return text !== '' && isValidID(text, isObjectID ? 'ObjectID' : 'text') ? text : null
}

const relatedID = (value: unknown): ID | null => relationID(value) ?? null

/**
 * A byline is public once its review is: read only `name` (when the users collection has one), past
 * the users' admin-or-self rule, so the e-mail is never even fetched.
 */
const findAuthorName = async ({
  req,
  author,
  usersCollection,
}: {
  req: PayloadRequest
  author: ID | null
  usersCollection: string
}): Promise<string | null> => {
  const users = req.payload.collections[usersCollection as CollectionSlug]
  const hasName = users?.config.flattenedFields.some((field) => field.name === 'name' && field.type === 'text')
  if (author === null || !hasName) {
    return null
  }
  const user = (await req.payload.findByID({
    collection: usersCollection as CollectionSlug,
    id: author,
    select: { name: true } as Record<string, true>,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as { name?: unknown } | null
  return typeof user?.name === 'string' && user.name.trim() !== '' ? user.name : null
}

/**
 * Loads a published review and what its JSON-LD names, in a fixed number of queries whatever the
 * track count: the review, its film, the film's tracks, their composers (and the author's name).
 * Access is the caller's (`req`), and drafts are never read: null when there is no published review.
 */
export const loadReviewJsonLd = async ({
  req,
  id,
  options,
}: LoadReviewJsonLdArgs): Promise<WithContext<Review> | null> => {
  const reviewID = toReviewID(req, id)
  if (reviewID === null) {
    return null
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { and: [{ id: { equals: reviewID } }, { _status: { equals: 'published' } }] },
    select: {
      title: true,
      slug: true,
      film: true,
      author: true,
      excerpt: true,
      rating: true,
      publishedAt: true,
      updatedAt: true,
    },
    draft: false,
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const review = docs[0] as ReviewDoc | undefined
  const filmID = relatedID(review?.film)
  if (!review || filmID === null) {
    return null
  }
  const film = (await req.payload.findByID({
    collection: slugsOf(req.payload).films as CollectionSlug,
    id: filmID,
    select: { title: true, releaseYear: true, director: true, composers: true, totalRuntimeSeconds: true },
    depth: 0,
    disableErrors: true,
    overrideAccess: false,
    req,
  })) as ReviewJsonLdFilm | null
  if (!film) {
    return null
  }
  const { docs: tracks } = await req.payload.find({
    collection: slugsOf(req.payload).tracks as CollectionSlug,
    where: { film: { equals: filmID } },
    select: { title: true, disc: true, number: true, durationSeconds: true, composers: true },
    sort: ['disc', 'number'],
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const composerIDs = [
    ...new Set(
      [film.composers, ...(tracks as ReviewJsonLdTrack[]).map((track) => track.composers)].flatMap((list) =>
        (list ?? []).map((value) => relatedID(value) as ID),
      ),
    ),
  ]
  const { docs: composers } = composerIDs.length
    ? await req.payload.find({
        collection: slugsOf(req.payload).composers as CollectionSlug,
        where: { id: { in: composerIDs } },
        select: { name: true, affiliations: true },
        pagination: false,
        depth: 0,
        overrideAccess: false,
        req,
      })
    : { docs: [] }
  const authorName = await findAuthorName({
    req,
    author: relatedID(review.author),
    usersCollection: options.usersCollection,
  })

  return buildReviewJsonLd({
    review,
    film,
    tracks: tracks as ReviewJsonLdTrack[],
    composers: composers as ReviewJsonLdComposer[],
    authorName,
    options,
  })
}
