import type { CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { DEFER_RUNTIME, withContext } from '../context.js'
import { slugsOf } from '../settings.js'
import { soundtrackT } from '../translations/index.js'

/** A film with reviews cannot be deleted: the reviews would point at nothing. */
export const refuseFilmDeleteWithReviews: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: slugsOf(req.payload).reviews,
    where: { film: { equals: id } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    throw new APIError(
      soundtrackT(req.t)('soundtrackReviews:validation.filmHasReviews', { count: totalDocs }),
      409,
      undefined,
      true,
    )
  }
}

/** A film's tracks go with it, first (their `film` cannot be emptied), in the same transaction. */
export const deleteFilmTracks: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: slugsOf(req.payload).tracks,
    where: { film: { equals: id } },
    depth: 0,
    overrideAccess: true,
    req: withContext(req, { [DEFER_RUNTIME]: true }),
  })
}
