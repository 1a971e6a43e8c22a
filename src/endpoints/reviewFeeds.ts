import type { Endpoint, PayloadRequest } from 'payload'

import type { FeedFormat } from '../feeds/buildReviewFeed.js'
import type { ResolvedOptions } from '../types.js'

import { headersWithCors } from 'payload'

import { buildReviewFeed, FEED_CONTENT_TYPES } from '../feeds/buildReviewFeed.js'
import { etagOf, isNotModified } from '../feeds/conditionalGet.js'
import { FEED_DEFAULT_LIMIT, FEED_MAX_LIMIT, findFeedReviews } from '../feeds/findFeedReviews.js'
import { json, text } from './respond.js'

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json']

type Paging = { limit: number; page: number } | { error: string }

/** `limit` (1 … 100, larger is capped) and `page` (from 1), both optional. */
const readPaging = (params: URLSearchParams): Paging => {
  const limit = params.get('limit') ?? String(FEED_DEFAULT_LIMIT)
  const page = params.get('page') ?? '1'
  if (!/^\d+$/.test(limit) || Number(limit) < 1) {
    return {
      error: `“limit” must be a whole number from 1 (above ${FEED_MAX_LIMIT}, ${FEED_MAX_LIMIT} are sent), got “${limit}”.`,
    }
  }
  if (!/^\d+$/.test(page) || Number(page) < 1 || !Number.isSafeInteger(Number(page))) {
    return { error: `“page” must be a whole number from 1, got “${page}”.` }
  }
  return { limit: Math.min(Number(limit), FEED_MAX_LIMIT), page: Number(page) }
}

type FeedURLArgs = { req: PayloadRequest; options: ResolvedOptions; format: FeedFormat; limit: number; page: number }

/** Where this API serves the feed: `serverURL` when the API has its own, else the site. */
const feedURL = ({ req, options, format, limit, page }: FeedURLArgs): string => {
  const base = (req.payload.config.serverURL || options.siteUrl).replace(/\/+$/, '')
  const query = new URLSearchParams()
  if (limit !== FEED_DEFAULT_LIMIT) {
    query.set('limit', String(limit))
  }
  if (page > 1) {
    query.set('page', String(page))
  }
  const search = query.size > 0 ? `?${query}` : ''
  return `${base}${req.payload.config.routes.api}/feeds/reviews.${format}${search}`
}

const reviewFeedEndpoint = (options: ResolvedOptions, format: FeedFormat): Endpoint => ({
  path: `/feeds/reviews.${format}`,
  method: 'get',
  handler: async (req) => {
    const paging = readPaging(req.searchParams)
    if ('error' in paging) {
      return json(req, { errors: [{ message: paging.error }] }, 400)
    }
    const { limit, page } = paging
    const { reviews, hasNextPage } = await findFeedReviews({ req, limit, page })
    const urlFor = (target: FeedFormat, targetPage = page): string =>
      feedURL({ req, options, format: target, limit, page: targetPage })
    const body = buildReviewFeed({
      format,
      reviews,
      options,
      feedURLs: { rss: urlFor('rss'), atom: urlFor('atom'), json: urlFor('json') },
      nextURL: hasNextPage ? urlFor(format, page + 1) : undefined,
    })
    const etag = etagOf(body)
    // No Last-Modified: a film rename or an unpublish changes the bytes but no date the feed shows.
    const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=300', ETag: etag }
    if (isNotModified({ headers: req.headers, etag, lastModified: null })) {
      return new Response(null, { status: 304, headers: headersWithCors({ headers: new Headers(headers), req }) })
    }
    return text(req, body, FEED_CONTENT_TYPES[format], 200, headers)
  },
})

/**
 * `GET /api/feeds/reviews.rss` · `.atom` · `.json` (root endpoints) — published reviews, newest
 * first, `?limit=` (default 20, at most 100) and `?page=`, with ETag revalidation.
 */
export const reviewFeedEndpoints = (options: ResolvedOptions): Endpoint[] =>
  FORMATS.map((format) => reviewFeedEndpoint(options, format))
