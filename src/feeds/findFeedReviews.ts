import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'

import { slugsOf } from '../settings.js'

export const FEED_DEFAULT_LIMIT = 20
export const FEED_MAX_LIMIT = 100

/** What a feed item shows of a review: no rich text, no author, nothing of a draft. */
export type FeedReview = {
  id: ID
  title: string
  slug?: null | string
  excerpt?: null | string
  rating?: null | number
  publishedAt?: null | string
  updatedAt: string
  film?: { id: ID; title: string; releaseYear?: null | number } | ID | null
}

export type FeedPage = {
  reviews: FeedReview[]
  page: number
  totalPages: number
  hasNextPage: boolean
}

/**
 * One page of published reviews, newest first, with each film's title and year populated in the
 * same batch: two queries (the page and its count, then the films) however long the page.
 */
export const findFeedReviews = async ({
  req,
  limit = FEED_DEFAULT_LIMIT,
  page = 1,
}: {
  req: PayloadRequest
  limit?: number
  page?: number
}): Promise<FeedPage> => {
  const result = await req.payload.find({
    collection: slugsOf(req.payload).reviews as CollectionSlug,
    where: { _status: { equals: 'published' } },
    select: { title: true, slug: true, excerpt: true, rating: true, publishedAt: true, updatedAt: true, film: true },
    populate: { [slugsOf(req.payload).films]: { title: true, releaseYear: true } },
    sort: ['-publishedAt', '-id'],
    limit: Math.min(Math.max(1, Math.floor(limit)), FEED_MAX_LIMIT),
    page: Math.max(1, Math.floor(page)),
    draft: false,
    depth: 1,
    overrideAccess: false,
    req,
  })
  return {
    reviews: result.docs as unknown as FeedReview[],
    page: result.page ?? page,
    totalPages: result.totalPages,
    hasNextPage: result.hasNextPage,
  }
}
