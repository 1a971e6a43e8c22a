/*
 * How a site frontend reads the column with the official REST client and our generated types.
 * `select` / `depth` / `populate` are chosen so a list page fetches no rich-text bodies.
 */
import type { Config } from '../cms/payload-types'

import { PayloadSDK } from '@payloadcms/sdk'

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

/** A review page: the review, its film and the album's track list in order. */
export const readReview = async (sdk: Client, slug: string) => {
  const { docs } = await sdk.find({
    collection: 'reviews',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 1,
    // Lists leave rich-text bodies out unless fields are selected: a page selects what it renders.
    select: {
      title: true,
      slug: true,
      film: true,
      excerpt: true,
      plotRecap: true,
      analysis: true,
      cues: true,
      finalThoughts: true,
      rating: true,
      highlights: true,
      publishedAt: true,
      totalRuntime: true,
    },
  })
  const review = docs[0]
  if (!review) {
    return null
  }
  const filmID = typeof review.film === 'object' ? review.film.id : review.film
  const { docs: tracks } = await sdk.find({
    collection: 'tracks',
    where: { film: { equals: filmID } },
    sort: ['disc', 'number'],
    limit: 0,
    depth: 0,
    select: { disc: true, number: true, title: true, duration: true, durationSeconds: true },
  })
  return { review, film: review.film, tracks }
}
