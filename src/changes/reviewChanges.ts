import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionSlug,
  PayloadRequest,
} from 'payload'

import type { ID } from '../relationID.js'
import type { RelatingReview } from './affected.js'
import type { ReviewDoc } from './reviewChange.js'
import type { ChangeEvent } from './types.js'

import { PUBLISHED_BY_SCHEDULE } from '../context.js'
import { slugsOf } from '../settings.js'
import { publishedReviewsRelatedTo, withRelatedPages } from './affected.js'
import { recordChanges } from './feed.js'
import { reviewChange } from './reviewChange.js'
import { TAGS } from './tags.js'

/** What the public saw of a review before this write: its main (published) row. */
type PublicState = { isPublic: boolean; slug?: string }

const BEFORE = 'soundtrackReviews.reviewPublicBefore'
const RELATING = 'soundtrackReviews.reviewsRelatingBeforeDelete'

/** The main row (what the public reads), never a draft version. */
const readPublicRow = async (req: PayloadRequest, id: ID) =>
  (await req.payload.db.findOne({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { id: { equals: id } },
    req,
  })) as null | ReviewDoc

/** Before an update: was the review public, under which slug (a draft save or an unpublish cannot tell from the versions). */
export const rememberPublicState: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'update' && originalDoc?.id !== undefined) {
    const row = await readPublicRow(req, originalDoc.id as ID)
    const states = (req.context[BEFORE] ?? {}) as Record<string, PublicState>
    states[String(originalDoc.id)] = {
      isPublic: row?._status === 'published',
      slug: row?.slug ?? undefined,
    }
    req.context[BEFORE] = states
  }
  return data
}

/**
 * After a write: what changed for the public. A draft save (the main row stays as it was) and a
 * draft-only review change nothing public, except the schedule, which shows a queued draft's title.
 */
export const recordReviewChange: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  // A write that selected a few fields (the publishing job) returns only those: the rest from its row.
  const written = doc as ReviewDoc
  const review: ReviewDoc =
    written.slug === undefined || written.title === undefined || written.film === undefined
      ? { ...(await readPublicRow(req, written.id)), ...written }
      : written
  const before = ((req.context[BEFORE] ?? {}) as Record<string, PublicState>)[String(review.id)]
  const wasPublic = operation === 'update' && before?.isPublic === true
  const isPublic =
    review._status === 'published' || (wasPublic && (await readPublicRow(req, review.id))?._status === 'published')
  if (!wasPublic && !isPublic) {
    await recordChanges(
      req,
      review.publishAt ? [{ tags: [TAGS.schedule], urls: [], data: { type: 'schedule', id: review.id } }] : [],
    )
    return doc
  }
  if (wasPublic && isPublic && review._status !== 'published') {
    // A draft saved over the published review: the public still reads the published row.
    return doc
  }
  const event: ChangeEvent = !wasPublic ? 'review.published' : isPublic ? 'review.updated' : 'review.unpublished'
  const scheduledFor =
    event === 'review.published' && req.context[PUBLISHED_BY_SCHEDULE] ? (review.publishedAt ?? undefined) : undefined
  const change = reviewChange(req.payload, event, review, { oldSlug: before?.slug, scheduledFor })
  const relating = await publishedReviewsRelatedTo(req, [review.id])
  await recordChanges(req, [withRelatedPages(req, change, review.id, relating)])
  return doc
}

/** Before a delete: the reviews that link to it (the delete takes their links with it). */
export const rememberRelatingReviews: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const relating = (req.context[RELATING] ?? {}) as Record<string, RelatingReview[]>
  relating[String(id)] = await publishedReviewsRelatedTo(req, [id as ID])
  req.context[RELATING] = relating
}

/** A deleted review that was public: `review.deleted`. A draft-only one leaves only the schedule changed. */
export const recordReviewDeletion: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const review = doc as ReviewDoc
  if (review._status !== 'published') {
    await recordChanges(
      req,
      review.publishAt ? [{ tags: [TAGS.schedule], urls: [], data: { type: 'schedule', id: review.id } }] : [],
    )
    return doc
  }
  const change = reviewChange(req.payload, 'review.deleted', review)
  const relating = ((req.context[RELATING] ?? {}) as Record<string, RelatingReview[]>)[String(review.id)] ?? []
  await recordChanges(req, [withRelatedPages(req, change, review.id, relating)])
  return doc
}
