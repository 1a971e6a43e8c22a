import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { loadReviewJsonLd } from '../jsonLd/loadReviewJsonLd.js'
import { serializeJsonLd } from '../jsonLd/serializeJsonLd.js'
import { json, text } from './respond.js'

/**
 * `GET /api/reviews/:id/json-ld` (on the reviews collection) — schema.org JSON-LD of a published
 * review named by id or slug. Drafts, unknown ids and slugs all answer the same 404, so a draft's
 * existence never shows.
 */
export const reviewJsonLdEndpoint = (options: ResolvedOptions): Endpoint => ({
  path: '/:id/json-ld',
  method: 'get',
  handler: async (req) => {
    const idOrSlug = String(req.routeParams?.id ?? '')
    const jsonLd = await loadReviewJsonLd({ req, id: idOrSlug, slug: idOrSlug, options })
    if (!jsonLd) {
      return json(
        req,
        { errors: [{ message: `There is no published review with the id or slug “${idOrSlug}”.` }] },
        404,
      )
    }
    return text(req, serializeJsonLd(jsonLd), 'application/ld+json; charset=utf-8', 200, {
      'Cache-Control': 'public, max-age=300',
    })
  },
})
