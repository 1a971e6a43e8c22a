import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionSlug,
  PayloadRequest,
} from 'payload'

import type { ID } from '../relationID.js'
import type { ReviewDoc } from './reviewChange.js'
import type { Change, ChangeEvent } from './types.js'

import { PUBLISHED_BY_SCHEDULE } from '../context.js'
import { slugsOf } from '../settings.js'
import { recordChanges } from './feed.js'
import { reviewChange, reviewTagsAndURLs } from './reviewChange.js'
import { TAGS } from './tags.js'

/** What the public saw of a review before this write: its main (published) row. */
type PublicState = { isPublic: boolean; slug?: string }

const BEFORE = 'soundtrackReviews.reviewPublicBefore'

/** The main row (what the public reads), never a draft version. */
const readPublicRow = async (req: PayloadRequest, id: ID) =>
  (await req.payload.db.findOne({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { id: { equals: id } },
    req,
  })) as null | ReviewDoc

/** Published reviews that link to `id` (their pages show its title and URL). */
const publishedReviewsRelatedTo = async (req: PayloadRequest, id: ID): Promise<ReviewDoc[]> =>
  (
    await req.payload.find({
      collection: slugsOf(req.payload).reviews as CollectionSlug,
      where: { and: [{ relatedReviews: { in: [id] } }, { _status: { equals: 'published' } }] },
      select: { slug: true, title: true, film: true, publishedAt: true } as Record<string, true>,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs as unknown as ReviewDoc[]

/** The pages of reviews that show this one: their tags and URLs join its change. */
const withRelated = async (req: PayloadRequest, change: Change, id: ID): Promise<Change> => {
  const related = (await publishedReviewsRelatedTo(req, id)).filter((review) => review.id !== id)
  const extra = related.map((review) => reviewTagsAndURLs(req.payload, review))
  return {
    ...change,
    tags: [...new Set([...change.tags, ...extra.flatMap(({ tags }) => tags)])],
    urls: [...new Set([...change.urls, ...extra.flatMap(({ urls }) => urls)])],
  }
}

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
  await recordChanges(req, [await withRelated(req, change, review.id)])
  return doc
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
  await recordChanges(req, [await withRelated(req, change, review.id)])
  return doc
}
