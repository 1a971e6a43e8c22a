import type { ReviewPage } from 'payload-soundtrack-reviews'

/*
 * How a site frontend reads the column with the official REST client and our generated types.
 * `select` / `depth` / `populate` are chosen so a list page fetches no rich-text bodies; a review page
 * is one request to the plugin's `by-slug` endpoint. examples/static-site.ts builds a whole site.
 */
import type { Config } from '../cms/payload-types'

import { PayloadSDK, PayloadSDKError } from '@payloadcms/sdk'

export const createClient = (baseURL: string) => new PayloadSDK<Config>({ baseURL })

type Client = ReturnType<typeof createClient>

/** A list page: newest published reviews with their film, no bodies. */
export const listReviews = (sdk: Client, { page = 1 }: { page?: number } = {}) =>
  sdk.find({
    collection: 'reviews',
    where: { _status: { equals: 'published' } },
    sort: '-publishedAt',
    limit: 10,
    page,
    depth: 1,
    select: { title: true, slug: true, excerpt: true, publishedAt: true, rating: true, film: true, totalRuntime: true },
    populate: { films: { title: true, releaseYear: true } },
  })

/** A review page in one request: the review, bodies as HTML, film, tracks, cues, byline and JSON-LD. */
export const readReview = async (sdk: Client, slug: string): Promise<null | ReviewPage> => {
  try {
    const response = await sdk.request({ method: 'GET', path: `/reviews/by-slug/${encodeURIComponent(slug)}` })
    return (await response.json()) as ReviewPage
  } catch (error) {
    if (error instanceof PayloadSDKError && error.status === 404) {
      return null
    }
    throw error
  }
}
