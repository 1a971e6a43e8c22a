import type { CollectionSlug, PayloadRequest, SelectType, Where } from 'payload'

import type { ID } from '../relationID.js'

import { toCollectionID } from '../relationID.js'
import { slugsOf } from '../settings.js'

/** The id in the reviews collection's own type, or null when it cannot name a review (so: not found, never a 500). */
const toReviewID = (req: PayloadRequest, id: ID): ID | null =>
  toCollectionID({ req, collection: slugsOf(req.payload).reviews, id })

/** Longer than any slug the slug field makes: answered as not found without a query. */
const MAX_SLUG_LENGTH = 200

type PublishedReviewKey = {
  req: PayloadRequest
  id?: ID
  slug?: string
  select: SelectType
}

/**
 * One published review by id, by slug, or by either (an id wins over a slug that looks like one),
 * with the caller's access; drafts are never read. Null when there is none.
 */
export const findPublishedReview = async ({
  req,
  id,
  slug,
  select,
}: PublishedReviewKey): Promise<null | Record<string, unknown>> => {
  const reviewID = id === undefined ? null : toReviewID(req, id)
  const keys: Where[] = [
    ...(reviewID === null ? [] : [{ id: { equals: reviewID } }]),
    ...(slug && slug.length <= MAX_SLUG_LENGTH ? [{ slug: { equals: slug } }] : []),
  ]
  if (keys.length === 0) {
    return null
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { and: [{ or: keys }, { _status: { equals: 'published' } }] },
    select: { ...select, slug: true },
    draft: false,
    limit: 2,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const byID = docs.find((doc) => reviewID !== null && String(doc.id) === String(reviewID))
  return (byID ?? docs[0] ?? null) as null | Record<string, unknown>
}

/**
 * A review's newest version by slug, draft or published (with its `_status`), read whatever the
 * caller's access: for a preview the site has already allowed. Null when no review has the slug.
 */
export const findLatestReview = async ({
  req,
  slug,
  select,
}: {
  req: PayloadRequest
  slug: string
  select: SelectType
}): Promise<null | Record<string, unknown>> => {
  if (!slug || slug.length > MAX_SLUG_LENGTH) {
    return null
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { slug: { equals: slug } },
    select: { ...select, slug: true, _status: true },
    draft: true,
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return (docs[0] ?? null) as null | Record<string, unknown>
}
