import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { loadReviewPage } from '../reviewPage/loadReviewPage.js'
import { json } from './respond.js'

/**
 * `GET /api/reviews/by-slug/:slug` (on the reviews collection) — a published review with its film,
 * tracks, cues, highlights, related reviews, byline, HTML bodies and JSON-LD: a page in one request.
 * Drafts and unknown slugs answer the same 404.
 */
export const reviewPageEndpoint = (options: ResolvedOptions): Endpoint => ({
  path: '/by-slug/:slug',
  method: 'get',
  handler: async (req) => {
    const slug = String(req.routeParams?.slug ?? '')
    const page = await loadReviewPage({ req, slug, options })
    if (!page) {
      return json(req, { errors: [{ message: `There is no published review with the slug “${slug}”.` }] }, 404)
    }
    return json(req, page, 200, { 'Cache-Control': 'public, max-age=300' })
  },
})
