export { buildReviewJsonLd, SOUNDTRACK_SUFFIX } from './buildReviewJsonLd.js'
export type {
  BuildReviewJsonLdArgs,
  ReviewJsonLdComposer,
  ReviewJsonLdFilm,
  ReviewJsonLdReview,
  ReviewJsonLdTrack,
} from './buildReviewJsonLd.js'
export { loadReviewJsonLd } from './loadReviewJsonLd.js'
export type { LoadReviewJsonLdArgs } from './loadReviewJsonLd.js'
export { serializeJsonLd } from './serializeJsonLd.js'
