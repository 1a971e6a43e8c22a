import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'

import { APIError } from 'payload'

import { slugsOf } from '../options.js'
import { relationID } from '../relationID.js'

/**
 * Titles of reviews whose cues or highlights point at any of these tracks, in the published
 * document or in the current draft.
 */
export const reviewsCitingTracks = async ({ req, trackIDs }: { req: PayloadRequest; trackIDs: ID[] }) => {
  const where: Where = { or: [{ 'cues.track': { in: trackIDs } }, { highlights: { in: trackIDs } }] }
  const reads = [false, true].map((draft) =>
    req.payload.find({
      collection: slugsOf(req.payload).reviews,
      where,
      draft,
      select: { title: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
  )
  const titles = (await Promise.all(reads)).flatMap(({ docs }) => docs.map((doc) => String(doc.title)))
  return [...new Set(titles)]
}

export const quoteTitles = (titles: string[]): string => titles.map((title) => `“${title}”`).join(', ')

/**
 * The one rule for tracks reviews depend on: a cited track cannot leave its film, by delete or by a
 * move to another film, or cues would silently lose it and highlights drop it. Refused with 409.
 */
const refuseCitedTrackLeaving = async ({ req, id }: { req: PayloadRequest; id: ID }) => {
  const citing = await reviewsCitingTracks({ req, trackIDs: [id] })
  if (citing.length > 0) {
    throw new APIError(
      `This track is used in the cues or highlights of ${quoteTitles(citing)}; take it out of ${citing.length === 1 ? 'that review' : 'those reviews'} before deleting it or moving it to another film.`,
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
