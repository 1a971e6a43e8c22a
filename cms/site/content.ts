import type { Payload, PayloadRequest, Where } from 'payload'

import type { ReviewPage, ReviewPageTrack, UpcomingSlot } from 'payload-soundtrack-reviews'

import { createLocalReq } from 'payload'

import { defaultSlugs as slugs, loadReviewPage, readPublicSchedule } from 'payload-soundtrack-reviews'

import { siteOptions } from './options'
import { richTextHTML } from './richText'

/*
 * What each reader page shows, read through the Local API as an anonymous reader (published content
 * only, by the collections' own access rules). Each loader costs a fixed number of queries, whatever
 * the number of tracks, reviews or composers.
 */

type ID = number | string

export type ComposerLink = { id: ID; name: string; slug: null | string }
export type FilmSummary = { id: ID; title: string; slug: null | string; releaseYear: null | number }

/** A published review as lists show it: the front page, the archive, film and composer pages. */
export type ReviewSummary = {
  id: ID
  title: string
  slug: string
  excerpt: null | string
  publishedAt: null | string
  byline: null | string
  film: (FilmSummary & { composers: ComposerLink[] }) | null
}

type RelationValue = ID | { id: ID } | null | undefined

const idOf = (value: RelationValue): ID | undefined =>
  value && typeof value === 'object' ? value.id : (value ?? undefined)

const idsOf = (values: unknown): ID[] =>
  Array.isArray(values) ? values.flatMap((value) => idOf(value as RelationValue) ?? []) : []

const text = (value: unknown): null | string => (typeof value === 'string' && value.trim() !== '' ? value : null)

/** A request with no user: every read below gets exactly what an anonymous reader may see. */
const readerRequest = (payload: Payload): Promise<PayloadRequest> => createLocalReq({}, payload)

/** Longer than any slug the plugin makes: not found, without a query. */
const MAX_SLUG_LENGTH = 200

const isPlausibleSlug = (slug: string): boolean => slug.length > 0 && slug.length <= MAX_SLUG_LENGTH

const REVIEW_SUMMARY_SELECT = {
  title: true,
  slug: true,
  excerpt: true,
  publishedAt: true,
  byline: true,
  film: true,
} as const

/** Published reviews matching `where`, newest first, each with its film and the film's composers: two queries. */
const findReviewSummaries = async (
  req: PayloadRequest,
  where: Where | undefined,
  limit?: number,
): Promise<ReviewSummary[]> => {
  const { docs } = await req.payload.find({
    collection: slugs.reviews,
    where: { and: [{ _status: { equals: 'published' } }, ...(where ? [where] : [])] },
    select: REVIEW_SUMMARY_SELECT,
    populate: { [slugs.films]: { title: true, slug: true, releaseYear: true, composers: true } },
    sort: '-publishedAt',
    depth: 1,
    draft: false,
    ...(limit ? { limit } : { pagination: false }),
    overrideAccess: false,
    req,
  })
  type Doc = Record<string, unknown> & { film?: unknown }
  const films = (docs as Doc[]).map((doc) =>
    doc.film && typeof doc.film === 'object' ? (doc.film as Record<string, unknown>) : null,
  )
  const composers = await findComposers(req, [...new Set(films.flatMap((film) => idsOf(film?.composers)))])
  return (docs as Doc[]).map((doc, index) => {
    const film = films[index]
    return {
      id: doc.id as ID,
      title: String(doc.title),
      slug: String(doc.slug),
      excerpt: text(doc.excerpt),
      publishedAt: text(doc.publishedAt),
      byline: text(doc.byline),
      film: film
        ? {
            id: film.id as ID,
            title: String(film.title),
            slug: text(film.slug),
            releaseYear: typeof film.releaseYear === 'number' ? film.releaseYear : null,
            composers: inOrder(idsOf(film.composers), composers),
          }
        : null,
    }
  })
}

/** Composers by id, one query (none for no ids). */
const findComposers = async (req: PayloadRequest, ids: ID[]): Promise<ComposerLink[]> => {
  if (ids.length === 0) {
    return []
  }
  const { docs } = await req.payload.find({
    collection: slugs.composers,
    where: { id: { in: ids } },
    select: { name: true, slug: true },
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  return docs.map((doc) => ({ id: doc.id, name: String(doc.name), slug: text(doc.slug) }))
}

/** The entries of `all` named by `ids`, in the order of `ids`. */
const inOrder = <T extends { id: ID }>(ids: ID[], all: T[]): T[] => {
  const byID = new Map(all.map((item) => [String(item.id), item]))
  return ids.flatMap((id) => byID.get(String(id)) ?? [])
}

// ---------------------------------------------------------------------------------------------

export type FrontPage = {
  latest: ReviewSummary[]
  /** The first slot of the public schedule still ahead: what the column announces as next week's. */
  nextWeek: null | UpcomingSlot
}

/** How many reviews the front page lists; the archive at /reviews lists them all. */
export const FRONT_PAGE_REVIEWS = 10

/** The latest published reviews, and the next review the public schedule announces. */
export const loadFrontPage = async (payload: Payload, now = new Date()): Promise<FrontPage> => {
  const req = await readerRequest(payload)
  const latest = await findReviewSummaries(req, undefined, FRONT_PAGE_REVIEWS)
  const { upcoming } = await readPublicSchedule(req)
  return { latest, nextWeek: upcoming.find(({ slot }) => Date.parse(slot) > now.getTime()) ?? null }
}

/** Every published review, newest first. */
export const loadArchive = async (payload: Payload): Promise<ReviewSummary[]> =>
  findReviewSummaries(await readerRequest(payload), undefined)

/** A published review's whole page, as `GET /api/reviews/by-slug/:slug` gives it; null for drafts and unknown slugs. */
export const loadReview = async (payload: Payload, slug: string): Promise<null | ReviewPage> =>
  isPlausibleSlug(slug) ? loadReviewPage({ req: await readerRequest(payload), slug, options: siteOptions }) : null

export type FilmPage = {
  id: ID
  title: string
  slug: string
  releaseYear: null | number
  director: null | string
  franchise: null | string
  synopsisHTML: null | string
  composers: ComposerLink[]
  tracks: ReviewPageTrack[]
  trackCount: number
  totalRuntime: null | string
  totalRuntimeSeconds: number
  reviews: ReviewSummary[]
}

/** A film with its composers, its album in order and its published reviews: five queries. */
export const loadFilm = async (payload: Payload, slug: string): Promise<FilmPage | null> => {
  if (!isPlausibleSlug(slug)) {
    return null
  }
  const req = await readerRequest(payload)
  const { docs } = await payload.find({
    collection: slugs.films,
    where: { slug: { equals: slug } },
    select: {
      title: true,
      slug: true,
      releaseYear: true,
      director: true,
      franchise: true,
      synopsis: true,
      composers: true,
      trackCount: true,
      totalRuntime: true,
      totalRuntimeSeconds: true,
    },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const film = docs[0] as Record<string, unknown> | undefined
  if (!film) {
    return null
  }
  const { docs: tracks } = await payload.find({
    collection: slugs.tracks,
    where: { film: { equals: film.id } },
    select: { disc: true, number: true, title: true, duration: true, durationSeconds: true },
    sort: ['disc', 'number'],
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const composerIDs = idsOf(film.composers)
  return {
    id: film.id as ID,
    title: String(film.title),
    slug: String(film.slug),
    releaseYear: typeof film.releaseYear === 'number' ? film.releaseYear : null,
    director: text(film.director),
    franchise: text(film.franchise),
    synopsisHTML: richTextHTML(film.synopsis),
    composers: inOrder(composerIDs, await findComposers(req, composerIDs)),
    tracks: tracks.map((track) => ({
      id: track.id,
      disc: typeof track.disc === 'number' ? track.disc : 1,
      number: Number(track.number),
      title: String(track.title),
      duration: text(track.duration),
      durationSeconds: typeof track.durationSeconds === 'number' ? track.durationSeconds : null,
    })),
    trackCount: typeof film.trackCount === 'number' ? film.trackCount : tracks.length,
    totalRuntime: text(film.totalRuntime),
    totalRuntimeSeconds: typeof film.totalRuntimeSeconds === 'number' ? film.totalRuntimeSeconds : 0,
    reviews: await findReviewSummaries(req, { film: { equals: film.id } }),
  }
}

export type ComposerPage = {
  id: ID
  name: string
  slug: string
  bioHTML: null | string
  affiliations: string[]
  influencedBy: ComposerLink[]
  influenced: ComposerLink[]
  films: FilmSummary[]
  reviews: ReviewSummary[]
}

/** A composer, who influenced them and whom they influenced, their films and those films' reviews: five queries. */
export const loadComposer = async (payload: Payload, slug: string): Promise<ComposerPage | null> => {
  if (!isPlausibleSlug(slug)) {
    return null
  }
  const req = await readerRequest(payload)
  const { docs } = await payload.find({
    collection: slugs.composers,
    where: { slug: { equals: slug } },
    select: { name: true, slug: true, bio: true, affiliations: true, influencedBy: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const composer = docs[0] as Record<string, unknown> | undefined
  if (!composer) {
    return null
  }
  const influencedByIDs = idsOf(composer.influencedBy)
  const { docs: related } = await payload.find({
    collection: slugs.composers,
    where: {
      or: [
        ...(influencedByIDs.length ? [{ id: { in: influencedByIDs } }] : []),
        { influencedBy: { equals: composer.id } },
      ],
    },
    select: { name: true, slug: true, influencedBy: true },
    sort: 'name',
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const links = related.map((doc) => ({
    link: { id: doc.id, name: String(doc.name), slug: text(doc.slug) },
    isInfluenced: idsOf(doc.influencedBy).some((id) => String(id) === String(composer.id)),
  }))
  const { docs: films } = await payload.find({
    collection: slugs.films,
    where: { composers: { equals: composer.id } },
    select: { title: true, slug: true, releaseYear: true },
    sort: '-releaseYear',
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const filmIDs = films.map((film) => film.id)
  return {
    id: composer.id as ID,
    name: String(composer.name),
    slug: String(composer.slug),
    bioHTML: richTextHTML(composer.bio),
    affiliations: (Array.isArray(composer.affiliations) ? composer.affiliations : []).flatMap(
      (value: unknown) => text(value) ?? [],
    ),
    influencedBy: inOrder(
      influencedByIDs,
      links.map(({ link }) => link),
    ),
    influenced: links.filter(({ isInfluenced }) => isInfluenced).map(({ link }) => link),
    films: films.map((film) => ({
      id: film.id,
      title: String(film.title),
      slug: text(film.slug),
      releaseYear: typeof film.releaseYear === 'number' ? film.releaseYear : null,
    })),
    reviews: filmIDs.length ? await findReviewSummaries(req, { film: { in: filmIDs } }) : [],
  }
}

export type SitemapEntry = { path: string; url: string; lastModified: null | string }

/** Every page a reader can reach: the front page, the archive, each published review, film and composer (three queries). */
export const loadSitemap = async (payload: Payload): Promise<SitemapEntry[]> => {
  const req = await readerRequest(payload)
  const read = (collection: typeof slugs.reviews | typeof slugs.films | typeof slugs.composers, where?: Where) =>
    payload.find({
      collection,
      ...(where ? { where } : {}),
      select: { slug: true, updatedAt: true },
      sort: 'slug',
      draft: false,
      pagination: false,
      depth: 0,
      overrideAccess: false,
      req,
    })
  const reviews = await read(slugs.reviews, { _status: { equals: 'published' } })
  const films = await read(slugs.films)
  const composers = await read(slugs.composers)
  const site = siteOptions.siteUrl
  const entry = (path: string, url: string, lastModified: unknown): SitemapEntry => ({
    path,
    url,
    lastModified: text(lastModified),
  })
  const newest =
    reviews.docs
      .map((doc) => String(doc.updatedAt))
      .sort()
      .at(-1) ?? null
  return [
    entry('/', `${site}/`, newest),
    entry('/reviews', `${site}/reviews`, newest),
    ...reviews.docs.flatMap((doc) =>
      text(doc.slug)
        ? [
            entry(
              `/reviews/${encodeURIComponent(String(doc.slug))}`,
              reviewPageURL(String(doc.slug), doc.id),
              doc.updatedAt,
            ),
          ]
        : [],
    ),
    ...films.docs.flatMap((doc) =>
      text(doc.slug) ? [entry(filmPath(String(doc.slug)), `${site}${filmPath(String(doc.slug))}`, doc.updatedAt)] : [],
    ),
    ...composers.docs.flatMap((doc) =>
      text(doc.slug)
        ? [entry(composerPath(String(doc.slug)), `${site}${composerPath(String(doc.slug))}`, doc.updatedAt)]
        : [],
    ),
  ]
}

export const reviewPath = (slug: string): string => `/reviews/${encodeURIComponent(slug)}`
export const filmPath = (slug: string): string => `/films/${encodeURIComponent(slug)}`
export const composerPath = (slug: string): string => `/composers/${encodeURIComponent(slug)}`

/** A review's public address as the plugin hands it out (the `reviewUrl` option). */
const reviewPageURL = (slug: string, id: ID): string =>
  siteOptions.reviewUrl
    .replaceAll('{slug}', encodeURIComponent(slug))
    .replaceAll('{id}', encodeURIComponent(String(id)))
