import type { CollectionBeforeChangeHook } from 'payload'

import { formatClock } from '../../fields/duration.js'

/**
 * Films: `trackCount`, `totalRuntimeSeconds` and `totalRuntime` are moved only by track writes
 * (src/runtime/filmTotals.ts); a film starts at zero and what a client sends for them is ignored, so
 * a film's own update never writes back totals a concurrent track write has moved.
 */
export const keepFilmTotals: CollectionBeforeChangeHook = ({ data, operation }) => {
  const { trackCount: _count, totalRuntimeSeconds: _seconds, totalRuntime: _text, ...rest } = data
  return operation === 'create'
    ? { ...rest, trackCount: 0, totalRuntimeSeconds: 0, totalRuntime: formatClock(0) }
    : rest
}
