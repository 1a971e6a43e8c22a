import type { CollectionSlug, PayloadRequest } from 'payload'
import type { Review as ReviewJsonLd, WithContext } from 'schema-dts'

import type { ReviewJsonLdReview } from '../jsonLd/buildReviewJsonLd.js'
import type { ID } from '../relationID.js'
import type { ResolvedOptions } from '../types.js'
import type { AlbumComposer, AlbumTrack } from './loadAlbum.js'

import { buildReviewJsonLd } from '../jsonLd/buildReviewJsonLd.js'
import { relationID } from '../relationID.js'
import { reviewURL } from '../reviewURL.js'
import { slugsOf } from '../settings.js'
import { findLatestReview, findPublishedReview } from './findPublishedReview.js'
import { loadAlbum } from './loadAlbum.js'
import { richTextHTML } from './richTextHTML.js'

export type ReviewPageTrack = {
  id: ID
  disc: number
  number: number
  title: string
  duration: null | string
  durationSeconds: null | number
}

export type ReviewPageCue = {
  id: null | string
  label: null | string
  filmTimecode: null | string
  filmTimeSeconds: null | number
  /** The album track the cue is heard on, from the film's own track list. */
  track: null | ReviewPageTrack
  instrumentation: string[]
  note: null | string
}

/** Everything a site's review page shows, in one response (`GET /api/reviews/by-slug/:slug`). */
export type ReviewPage = {
  id: ID
  title: string
  slug: string
  /** The public page (the `reviewUrl` option). */
  url: string
  series: null | string
  seriesPart: null | number
  excerpt: null | string
  rating: null | number
  publishedAt: null | string
  updatedAt: null | string
  /** The byline: a public name, never an e-mail; null when the review has none. */
  author: null | { name: string }
  /** Lexical JSON, and the same body as HTML (headings moved down by `headingOffset`). */
  plotRecap: unknown
  plotRecapHTML: null | string
  analysis: unknown
  analysisHTML: null | string
  finalThoughts: unknown
  finalThoughtsHTML: null | string
  film: {
    id: ID
    title: string
    slug: null | string
    releaseYear: null | number
    director: null | string
    franchise: null | string
    trackCount: number
    totalRuntimeSeconds: number
    totalRuntime: null | string
    composers: Array<{ id: ID; name: string; slug: null | string }>
    /** In album order: disc, then number. */
    tracks: ReviewPageTrack[]
  }
  cues: ReviewPageCue[]
  highlights: ReviewPageTrack[]
  relatedReviews: Array<{ id: ID; title: string; slug: null | string; url: string; film: null | { title: string } }>
  jsonLd: WithContext<ReviewJsonLd>
}

type CueDoc = {
  id?: null | string
  label?: null | string
  filmTimecode?: null | string
  filmTimeSeconds?: null | number
  track?: unknown
  instrumentation?: null | string[]
  note?: null | string
}

type RelatedDoc = { id: ID; title: string; slug?: null | string; film?: unknown }

const REVIEW_PAGE_SELECT = {
  title: true,
  slug: true,
  film: true,
  byline: true,
  series: true,
  seriesPart: true,
  excerpt: true,
  rating: true,
  plotRecap: true,
  analysis: true,
  finalThoughts: true,
  cues: true,
  highlights: true,
  relatedReviews: true,
  publishedAt: true,
  updatedAt: true,
} as const

const text = (value: unknown): null | string => (typeof value === 'string' && value.trim() !== '' ? value : null)
const numberOrNull = (value: unknown): null | number => (typeof value === 'number' ? value : null)

const pageTrack = (track: AlbumTrack): ReviewPageTrack => ({
  id: track.id,
  disc: track.disc ?? 1,
  number: track.number,
  title: track.title,
  duration: track.duration ?? null,
  durationSeconds: track.durationSeconds ?? null,
})

/** Published reviews among `ids`, in the order given, each with its film's title (one query). */
const findRelatedReviews = async ({
  req,
  ids,
  reviewUrl,
}: {
  req: PayloadRequest
  ids: ID[]
  reviewUrl: string
}): Promise<ReviewPage['relatedReviews']> => {
  if (ids.length === 0) {
    return []
  }
  const slugs = slugsOf(req.payload)
  const { docs } = await req.payload.find({
    collection: slugs.reviews as CollectionSlug,
    where: { and: [{ id: { in: ids } }, { _status: { equals: 'published' } }] },
    select: { title: true, slug: true, film: true },
    populate: { [slugs.films]: { title: true } },
    draft: false,
    pagination: false,
    depth: 1,
    overrideAccess: false,
    req,
  })
  const byID = new Map((docs as unknown as RelatedDoc[]).map((doc) => [String(doc.id), doc]))
  return ids.flatMap((id) => {
    const doc = byID.get(String(id))
    if (!doc) {
      return []
    }
    const film = doc.film && typeof doc.film === 'object' ? (doc.film as { title?: unknown }) : null
    return [
      {
        id: doc.id,
        title: doc.title,
        slug: doc.slug ?? null,
        url: reviewURL(reviewUrl, doc),
        film: typeof film?.title === 'string' ? { title: film.title } : null,
      },
    ]
  })
}

const composerList = (ids: unknown, composers: AlbumComposer[]): ReviewPage['film']['composers'] => {
  const byID = new Map(composers.map((composer) => [String(composer.id), composer]))
  return (Array.isArray(ids) ? ids : []).flatMap((value) => {
    const composer = byID.get(String(relationID(value)))
    return composer ? [{ id: composer.id, name: composer.name, slug: composer.slug ?? null }] : []
  })
}

type PageOptions = Pick<ResolvedOptions, 'headingOffset' | 'publisher' | 'ratingScale' | 'reviewUrl'>
/** A review page by slug: the request (its access and transaction), the slug, and the options it is built with. */
type PageArgs = { req: PayloadRequest; slug: string; options: PageOptions }

/** The page of one review document, with its film, tracks, composers and published related reviews. */
const buildReviewPage = async ({
  req,
  review,
  options,
}: {
  req: PayloadRequest
  review: Record<string, unknown>
  options: PageOptions
}): Promise<null | ReviewPage> => {
  const filmID = relationID(review.film)
  const album = filmID === undefined ? null : await loadAlbum({ req, filmID })
  if (!album) {
    return null
  }
  const { film, tracks, composers } = album
  const trackByID = new Map(tracks.map((track) => [String(track.id), pageTrack(track)]))
  const trackOf = (value: unknown): null | ReviewPageTrack => trackByID.get(String(relationID(value))) ?? null
  const relatedIDs = (Array.isArray(review.relatedReviews) ? review.relatedReviews : []).flatMap(
    (value: unknown) => relationID(value) ?? [],
  )
  const byline = text(review.byline)
  const id = review.id as ID
  return {
    id,
    title: String(review.title),
    slug: String(review.slug),
    url: reviewURL(options.reviewUrl, { id, slug: text(review.slug) }),
    series: text(review.series),
    seriesPart: numberOrNull(review.seriesPart),
    excerpt: text(review.excerpt),
    rating: numberOrNull(review.rating),
    publishedAt: text(review.publishedAt),
    updatedAt: text(review.updatedAt),
    author: byline ? { name: byline } : null,
    plotRecap: review.plotRecap ?? null,
    plotRecapHTML: richTextHTML(review.plotRecap, options.headingOffset),
    analysis: review.analysis ?? null,
    analysisHTML: richTextHTML(review.analysis, options.headingOffset),
    finalThoughts: review.finalThoughts ?? null,
    finalThoughtsHTML: richTextHTML(review.finalThoughts, options.headingOffset),
    film: {
      id: film.id,
      title: film.title,
      slug: film.slug ?? null,
      releaseYear: film.releaseYear ?? null,
      director: film.director ?? null,
      franchise: film.franchise ?? null,
      trackCount: film.trackCount ?? tracks.length,
      totalRuntimeSeconds: film.totalRuntimeSeconds ?? 0,
      totalRuntime: film.totalRuntime ?? null,
      composers: composerList(film.composers, composers),
      tracks: tracks.map(pageTrack),
    },
    cues: ((review.cues as CueDoc[] | null | undefined) ?? []).map((cue) => ({
      id: cue.id ?? null,
      label: cue.label ?? null,
      filmTimecode: cue.filmTimecode ?? null,
      filmTimeSeconds: cue.filmTimeSeconds ?? null,
      track: trackOf(cue.track),
      instrumentation: cue.instrumentation ?? [],
      note: cue.note ?? null,
    })),
    highlights: (Array.isArray(review.highlights) ? review.highlights : []).flatMap(
      (value: unknown) => trackOf(value) ?? [],
    ),
    relatedReviews: await findRelatedReviews({ req, ids: relatedIDs, reviewUrl: options.reviewUrl }),
    jsonLd: buildReviewJsonLd({ review: review as ReviewJsonLdReview, ...album, authorName: byline, options }),
  }
}

/**
 * A published review's page by slug, with the caller's access, or null when there is none. A fixed
 * number of queries whatever the track count: the review, its film, tracks, composers and related
 * reviews. The endpoint's whole work: it returns the response body.
 */
export const loadReviewPage = async ({ req, slug, options }: PageArgs): Promise<null | ReviewPage> => {
  const review = await findPublishedReview({ req, slug, select: REVIEW_PAGE_SELECT })
  return review ? buildReviewPage({ req, review, options }) : null
}

/** A review's page as its newest version shows it; `isDraft` when that version is not published. */
export type ReviewPreview = { isDraft: boolean } & ReviewPage

/**
 * The page of a review's newest version, draft or published, for a preview: the review is read
 * whatever the caller's access (as the Local API does by default), so call it only for a request the
 * site has allowed to preview (a signed-in editor, a signed preview link). Related reviews stay the
 * published ones. Null when no review has this slug. The same queries as `loadReviewPage`.
 */
export const loadReviewPreview = async ({ req, slug, options }: PageArgs): Promise<null | ReviewPreview> => {
  const review = await findLatestReview({ req, slug, select: REVIEW_PAGE_SELECT })
  const page = review ? await buildReviewPage({ req, review, options }) : null
  return page ? { ...page, isDraft: review?._status !== 'published' } : null
}
