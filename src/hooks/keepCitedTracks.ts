import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'

import { APIError } from 'payload'

import { reviewsCitingTracks } from '../db/citedTracks.js'
import { relationID } from '../relationID.js'
import { soundtrackT } from '../translations/index.js'

/**
 * The one rule for tracks reviews depend on: a cited track cannot leave its film, by delete or by a
 * move to another film, or cues would silently lose it and highlights drop it. Refused with 409.
 */
const refuseCitedTrackLeaving = async ({ req, id }: { req: PayloadRequest; id: ID }) => {
  const citing = await reviewsCitingTracks({ req, trackIDs: [id] })
  if (citing.length > 0) {
    const t = soundtrackT(req.t)
    const titles = citing.map((text) => t('soundtrackReviews:quoted', { text })).join(', ')
    throw new APIError(
      t('soundtrackReviews:validation.trackCited', { count: citing.length, titles }),
      409,
      { reviews: citing },
      true,
    )
  }
}

export const refuseCitedTrackDelete: CollectionBeforeDeleteHook = ({ id, req }) => refuseCitedTrackLeaving({ req, id })

export const refuseCitedTrackMove: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const film = relationID(data.film)
  if (operation === 'update' && film !== undefined && String(film) !== String(relationID(originalDoc?.film))) {
    await refuseCitedTrackLeaving({ req, id: originalDoc.id })
  }
  return data
}
