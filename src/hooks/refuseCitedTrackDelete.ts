import type { CollectionBeforeDeleteHook, PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'

import { APIError } from 'payload'

import { slugsOf } from '../options.js'

/**
 * The one rule for tracks reviews depend on: titles of reviews whose cues or highlights point at
 * any of these tracks, in the published document or in the current draft.
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

/** Deleting a cited track would silently empty cues and drop highlights: refused with 409. */
export const refuseCitedTrackDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const citing = await reviewsCitingTracks({ req, trackIDs: [id] })
  if (citing.length > 0) {
    throw new APIError(
      `This track is used in the cues or highlights of ${quoteTitles(citing)}; take it out of ${citing.length === 1 ? 'that review' : 'those reviews'} first.`,
      409,
      { reviews: citing },
      true,
    )
  }
}
