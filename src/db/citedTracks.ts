import type { PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'

import { slugsOf } from '../settings.js'

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
