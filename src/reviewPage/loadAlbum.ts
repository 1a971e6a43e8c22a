import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'

import { relationID } from '../relationID.js'
import { slugsOf } from '../settings.js'

type AlbumFilm = {
  id: ID
  title: string
  slug?: null | string
  releaseYear?: null | number
  director?: null | string
  franchise?: null | string
  composers?: null | Array<ID | { id: ID }>
  trackCount?: null | number
  totalRuntimeSeconds?: null | number
  totalRuntime?: null | string
}

export type AlbumTrack = {
  id: ID
  title: string
  disc?: null | number
  number: number
  durationSeconds?: null | number
  duration?: null | string
  composers?: null | Array<ID | { id: ID }>
}

export type AlbumComposer = { id: ID; name: string; slug?: null | string; affiliations?: null | string[] }

type Album = { film: AlbumFilm; tracks: AlbumTrack[]; composers: AlbumComposer[] }

/**
 * A film, its tracks in album order and every composer the film or a track names: three queries
 * whatever the track count. Null when the film cannot be read with the caller's access.
 */
export const loadAlbum = async ({ req, filmID }: { req: PayloadRequest; filmID: ID }): Promise<Album | null> => {
  const slugs = slugsOf(req.payload)
  const film = (await req.payload.findByID({
    collection: slugs.films as CollectionSlug,
    id: filmID,
    select: {
      title: true,
      slug: true,
      releaseYear: true,
      director: true,
      franchise: true,
      composers: true,
      trackCount: true,
      totalRuntimeSeconds: true,
      totalRuntime: true,
    },
    depth: 0,
    disableErrors: true,
    overrideAccess: false,
    req,
  })) as AlbumFilm | null
  if (!film) {
    return null
  }
  const { docs: tracks } = await req.payload.find({
    collection: slugs.tracks as CollectionSlug,
    where: { film: { equals: filmID } },
    select: { title: true, disc: true, number: true, durationSeconds: true, duration: true, composers: true },
    sort: ['disc', 'number'],
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const composerIDs = [
    ...new Set(
      [film.composers, ...(tracks as AlbumTrack[]).map((track) => track.composers)].flatMap((list) =>
        (list ?? []).flatMap((value) => relationID(value) ?? []),
      ),
    ),
  ]
  const { docs: composers } = composerIDs.length
    ? await req.payload.find({
        collection: slugs.composers as CollectionSlug,
        where: { id: { in: composerIDs } },
        select: { name: true, slug: true, affiliations: true },
        pagination: false,
        depth: 0,
        overrideAccess: false,
        req,
      })
    : { docs: [] }
  return { film, tracks: tracks as AlbumTrack[], composers: composers as AlbumComposer[] }
}
