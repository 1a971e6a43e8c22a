import type { CollectionAfterChangeHook } from 'payload'

import { oneAtATime } from '../oneAtATime.js'
import { slugsOf } from '../options.js'
import { queueIDs, readSchedule, SCHEDULING } from './assignScheduleSlots.js'
import { withContext } from './withContext.js'

/** Set on the schedule write that takes published reviews off the queue (see pruneQueue). */
export const DEQUEUING = 'soundtrackReviews.dequeuing'

/* A bulk publish runs these hooks side by side in one transaction: their queue writes take turns. */
const oneDequeueAtATime = oneAtATime()

/** A review published by hand leaves the queue; the schedule's own hook re-slots the rest. */
export const dequeuePublishedReview: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc._status !== 'published' || req.context[SCHEDULING]) {
    return doc
  }
  await oneDequeueAtATime(req.payload, async () => {
    const queue = queueIDs((await readSchedule(req)).queue)
    if (queue.some((id) => String(id) === String(doc.id))) {
      await req.payload.updateGlobal({
        slug: slugsOf(req.payload).schedule,
        data: { queue: queue.filter((id) => String(id) !== String(doc.id)) },
        depth: 0,
        overrideAccess: true,
        req: withContext(req, { [DEQUEUING]: true }),
      })
    }
  })
  return doc
}
