import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ID } from '../relationID'
import { slugs } from '../options'
import { relationID } from '../relationID'

/** Set by writes that recompute once themselves afterwards (the track-list import, film deletion). */
export const DEFER_RUNTIME = 'soundtrackReviews.deferRuntime'

/** Re-saves films so their own `recomputeFilmRuntime` hook runs; same transaction, depth 0. */
export const resaveFilms = async ({ films, req }: { films: unknown[]; req: PayloadRequest }): Promise<void> => {
  const ids = [...new Set(films.map(relationID).filter((id): id is ID => id !== undefined))]
  for (const id of ids) {
    await req.payload.update({
      collection: slugs.films,
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
export const refreshFilmRuntimeAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!req.context[DEFER_RUNTIME]) {
    const isRuntimeAffected =
      !previousDoc ||
      relationID(previousDoc.film) !== relationID(doc.film) ||
      previousDoc.durationSeconds !== doc.durationSeconds
    if (isRuntimeAffected) {
      await resaveFilms({ films: [doc.film, previousDoc?.film], req })
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
