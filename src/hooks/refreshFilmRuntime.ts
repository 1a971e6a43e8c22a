import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'
import { slugsOf } from '../options.js'
import { relationID } from '../relationID.js'

/** Set by writes that recompute once themselves afterwards (the track-list import, film deletion). */
export const DEFER_RUNTIME = 'soundtrackReviews.deferRuntime'

/** Re-saves films so their own `recomputeFilmRuntime` hook runs; same transaction, depth 0. */
export const resaveFilms = async ({ films, req }: { films: unknown[]; req: PayloadRequest }): Promise<void> => {
  const ids = [...new Set(films.map(relationID).filter((id): id is ID => id !== undefined))]
  for (const id of ids) {
    await req.payload.update({
      collection: slugsOf(req.payload).films,
      id,
      data: {},
      depth: 0,
      overrideAccess: true,
      req,
      select: { trackCount: true },
    })
  }
}

/** Tracks: after a write, the film it is on (and the one it left) get their runtime recomputed. */
export const refreshFilmRuntimeAfterChange: CollectionAfterChangeHook = async ({ data, doc, previousDoc, req }) => {
  if (!req.context[DEFER_RUNTIME]) {
    // A write with `select` hands back only the selected fields: the film comes from the write itself.
    const film = data?.film ?? doc.film
    const isRuntimeAffected =
      !previousDoc ||
      relationID(previousDoc.film) !== relationID(film) ||
      previousDoc.durationSeconds !== doc.durationSeconds
    if (isRuntimeAffected) {
      await resaveFilms({ films: [film, previousDoc?.film], req })
    }
  }
  return doc
}

export const refreshFilmRuntimeAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (!req.context[DEFER_RUNTIME]) {
    await resaveFilms({ films: [doc.film], req })
  }
  return doc
}
