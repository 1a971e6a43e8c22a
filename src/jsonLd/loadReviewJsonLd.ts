import type { PayloadRequest } from 'payload'
import type { Review, WithContext } from 'schema-dts'

import type { ID } from '../relationID.js'
import type { ResolvedOptions } from '../types.js'
import type { ReviewJsonLdReview } from './buildReviewJsonLd.js'

import { relationID } from '../relationID.js'
import { findPublishedReview } from '../reviewPage/findPublishedReview.js'
import { loadAlbum } from '../reviewPage/loadAlbum.js'
import { buildReviewJsonLd } from './buildReviewJsonLd.js'

export type LoadReviewJsonLdArgs = {
  req: PayloadRequest
  /** As it arrives in a URL or from the Local API: `"12"`, `12` or an ObjectId string. */
  id?: ID
  /** The review's slug; with both, a review whose id matches wins. */
  slug?: string
  options: Pick<ResolvedOptions, 'publisher' | 'ratingScale' | 'reviewUrl'>
}

/** What the JSON-LD names of the review itself. */
const JSON_LD_REVIEW_SELECT = {
  title: true,
  slug: true,
  film: true,
  byline: true,
  excerpt: true,
  rating: true,
  publishedAt: true,
  updatedAt: true,
} as const

/**
 * Loads a published review (by id or slug) and what its JSON-LD names, in a fixed number of
 * queries whatever the track count: the review, its film, the film's tracks, their composers.
 * Access is the caller's (`req`), and drafts are never read: null when there is no published review.
 */
export const loadReviewJsonLd = async ({
  req,
  id,
  slug,
  options,
}: LoadReviewJsonLdArgs): Promise<WithContext<Review> | null> => {
  const review = await findPublishedReview({ req, id, slug, select: JSON_LD_REVIEW_SELECT })
  const filmID = relationID(review?.film)
  const album = review && filmID !== undefined ? await loadAlbum({ req, filmID }) : null
  if (!review || !album) {
    return null
  }
  return buildReviewJsonLd({
    review: review as ReviewJsonLdReview,
    ...album,
    authorName: typeof review.byline === 'string' ? review.byline : null,
    options,
  })
}
