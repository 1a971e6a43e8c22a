import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeOperationHook } from 'payload'

import type { FilmDelta, WriteTarget } from '../runtime/filmTotals.js'

import { DEFER_RUNTIME } from '../context.js'
import { lockMatching } from '../db/locks.js'
import { relationID } from '../relationID.js'
import { adjustFilmTotals } from '../runtime/filmTotals.js'
import { slugsOf } from '../settings.js'

/** What a track adds to its film: one track and its seconds (none when it has no film). */
const contribution = (track: Record<string, unknown> | undefined, sign: 1 | -1): FilmDelta[] => {
  const film = relationID(track?.film)
  return film === undefined ? [] : [{ film, tracks: sign, seconds: sign * (Number(track?.durationSeconds) || 0) }]
}

/** Tracks: an update or delete locks its rows before Payload reads them, so `previousDoc` is the latest. */
export const lockTracksBeforeWrite: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if ((operation === 'update' || operation === 'delete') && !req.context[DEFER_RUNTIME]) {
    const { id, where } = args as WriteTarget
    await lockMatching({ req, slug: slugsOf(req.payload).tracks, id, where })
  }
  return args
}

/**
 * Tracks: the film it is on gains the track, the film it was on loses it (the same film: the
 * duration's difference). `film` and `durationSeconds` are force-selected, so `doc` always has them.
 */
export const refreshFilmRuntimeAfterChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (!req.context[DEFER_RUNTIME]) {
    const before = operation === 'update' ? contribution(previousDoc, -1) : []
    await adjustFilmTotals({ req, deltas: [...contribution(doc, 1), ...before] })
  }
  return doc
}

export const refreshFilmRuntimeAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (!req.context[DEFER_RUNTIME]) {
    await adjustFilmTotals({ req, deltas: contribution(doc, -1) })
  }
  return doc
}
