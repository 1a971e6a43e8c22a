import type { ID } from './relationID.js'

/** A `previewUrl` / `reviewUrl` template with the review's `{slug}` and `{id}` filled in. */
export const fillReviewTemplate = (template: string, review: { id?: ID | null; slug?: null | string }): string =>
  template
    .replaceAll('{slug}', encodeURIComponent(String(review.slug ?? '')))
    .replaceAll('{id}', encodeURIComponent(String(review.id ?? '')))

/** A published review's public page (the `reviewUrl` option): what JSON-LD, feeds and the schedule link to. */
export const reviewURL = (template: string, review: { id: ID; slug?: null | string }): string =>
  fillReviewTemplate(template, { id: review.id, slug: review.slug || String(review.id) })
