import type { DefaultDocumentIDType, Payload, PayloadRequest } from 'payload'

import type { DemoCue, DemoFilm } from './types'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { defaultSlugs as slugs, parseTrackList } from 'payload-soundtrack-reviews'

import { demoComposers } from './composers'
import { fallout } from './fallout'
import { johnWick } from './johnWick'

export { DRAFT_ONLY_MARKER } from './johnWick'

export const DEMO_SERIES = 'Exploring Soundtracks'

/** In series order, as the column tells it (Fallout follows the John Wick weeks): each review links to the parts before it. */
const demoFilms: DemoFilm[] = [johnWick, fallout]

const contentCollections = [slugs.films, slugs.composers, slugs.tracks, slugs.reviews] as const

type ID = DefaultDocumentIDType
type SeedResult = { seeded: boolean; reason?: string }

const findExistingContent = async (req: PayloadRequest): Promise<string[]> => {
  const found: string[] = []
  for (const collection of contentCollections) {
    const { totalDocs } = await req.payload.count({ collection, overrideAccess: true, req })
    if (totalDocs > 0) {
      found.push(`${collection}: ${totalDocs}`)
    }
  }
  return found
}

const idFor = (ids: Map<number | string, ID>, key: number | string, what: string): ID => {
  const id = ids.get(key)
  if (id === undefined) {
    throw new Error(`Demo seed: ${what} “${key}” is not in the seed.`)
  }
  return id
}

const createComposers = async (req: PayloadRequest): Promise<Map<string, ID>> => {
  const ids = new Map<string, ID>()
  for (const composer of demoComposers) {
    const { id } = await req.payload.create({
      collection: slugs.composers,
      data: {
        name: composer.name,
        bio: composer.bio,
        affiliations: composer.affiliations,
        influencedBy: composer.influencedBy.map((name) => idFor(ids, name, 'composer')),
      },
      select: { name: true },
      depth: 0,
      overrideAccess: true,
      req,
    })
    ids.set(composer.name, id)
  }
  return ids
}

/** Tracks come from the film's pasted track list, through the same parser as the import endpoint; no list, no tracks. */
const createTracks = async ({
  film,
  filmID,
  composers,
  req,
}: {
  film: DemoFilm
  filmID: ID
  composers: ID[]
  req: PayloadRequest
}): Promise<Map<number, ID>> => {
  const ids = new Map<number, ID>()
  if (film.trackList === undefined) {
    return ids
  }
  const { tracks, errors } = parseTrackList(film.trackList)
  if (errors.length > 0) {
    throw new Error(`Demo seed: the track list of ${film.title} does not parse: ${JSON.stringify(errors)}`)
  }
  for (const track of tracks) {
    const { id } = await req.payload.create({
      collection: slugs.tracks,
      data: {
        film: filmID,
        disc: track.disc,
        number: track.number,
        title: track.title,
        durationSeconds: track.durationSeconds,
        composers,
      },
      select: { title: true },
      depth: 0,
      overrideAccess: true,
      req,
    })
    ids.set(track.number, id)
  }
  return ids
}

const cueData = (cue: DemoCue, trackIDs: Map<number, ID>) => ({
  label: cue.label,
  filmTimecode: cue.filmTimecode,
  track: cue.trackNumber === undefined ? undefined : idFor(trackIDs, cue.trackNumber, 'track number'),
  instrumentation: cue.instrumentation,
  note: cue.note,
})

const createFilmWithReview = async ({
  film,
  composerIDs,
  earlierReviews,
  req,
}: {
  film: DemoFilm
  composerIDs: Map<string, ID>
  earlierReviews: ID[]
  req: PayloadRequest
}): Promise<ID> => {
  const composers = film.composers.map((name) => idFor(composerIDs, name, 'composer'))
  const { id: filmID } = await req.payload.create({
    collection: slugs.films,
    data: {
      title: film.title,
      releaseYear: film.releaseYear,
      franchise: film.franchise,
      director: film.director,
      synopsis: film.synopsis,
      composers,
    },
    select: { title: true },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const trackIDs = await createTracks({ film, filmID, composers, req })
  const { review } = film
  const { id } = await req.payload.create({
    collection: slugs.reviews,
    draft: !review.isPublished,
    data: {
      _status: review.isPublished ? 'published' : 'draft',
      title: review.title,
      film: filmID,
      series: DEMO_SERIES,
      seriesPart: review.seriesPart,
      excerpt: review.excerpt,
      plotRecap: review.plotRecap,
      analysis: review.analysis,
      cues: review.cues.map((cue) => cueData(cue, trackIDs)),
      finalThoughts: review.finalThoughts,
      relatedReviews: earlierReviews,
      publishedAt: review.publishedAt,
    },
    select: { title: true },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return id
}

/**
 * Loads the demo column (John Wick weeks, draft; Fallout, published) into an empty database, all in one
 * transaction. A database with any film, composer, track or review is left exactly as it is.
 */
export const seedDemo = async ({ payload }: { payload: Payload }): Promise<SeedResult> => {
  const req = await createLocalReq({}, payload)
  const isOwnTransaction = await initTransaction(req)
  try {
    const existing = await findExistingContent(req)
    if (existing.length > 0) {
      if (isOwnTransaction) {
        await killTransaction(req)
      }
      return {
        seeded: false,
        reason: `The database already has content (${existing.join(', ')}); the demo is only loaded into an empty database.`,
      }
    }
    const composerIDs = await createComposers(req)
    const reviews: ID[] = []
    for (const film of demoFilms) {
      reviews.push(await createFilmWithReview({ film, composerIDs, earlierReviews: [...reviews], req }))
    }
    if (isOwnTransaction) {
      await commitTransaction(req)
    }
    return { seeded: true }
  } catch (error) {
    if (isOwnTransaction) {
      await killTransaction(req)
    }
    throw error
  }
}
