import type { CollectionBeforeChangeHook } from 'payload'

import { formatClock } from '../../fields/duration.js'
import { slugsOf } from '../options.js'

/**
 * Films: `trackCount`, `totalRuntimeSeconds` and `totalRuntime` are derived here and only here, from
 * one select of the film's track durations, inside the write's transaction. Track hooks re-save the
 * film to trigger it, so every path (track create/update/delete/move, bulk, import) ends up here.
 */
export const recomputeFilmRuntime: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const filmID = operation === 'update' ? originalDoc?.id : undefined
  let totalRuntimeSeconds = 0
  let trackCount = 0
  if (filmID !== undefined) {
    const { docs } = await req.payload.find({
      collection: slugsOf(req.payload).tracks,
      where: { film: { equals: filmID } },
      select: { durationSeconds: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    trackCount = docs.length
    totalRuntimeSeconds = docs.reduce((sum, track) => sum + (Number(track.durationSeconds) || 0), 0)
  }
  return { ...data, trackCount, totalRuntimeSeconds, totalRuntime: formatClock(totalRuntimeSeconds) }
}
