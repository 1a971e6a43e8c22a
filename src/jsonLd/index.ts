export { buildReviewJsonLd, reviewURL, SOUNDTRACK_SUFFIX } from './buildReviewJsonLd'
export type {
  BuildReviewJsonLdArgs,
  ReviewJsonLdComposer,
  ReviewJsonLdFilm,
  ReviewJsonLdReview,
  ReviewJsonLdTrack,
} from './buildReviewJsonLd'
export { loadReviewJsonLd } from './loadReviewJsonLd'
export type { LoadReviewJsonLdArgs } from './loadReviewJsonLd'
export { serializeJsonLd } from './serializeJsonLd'
