import type { CollectionAfterChangeHook } from 'payload'

import { DEQUEUING, SCHEDULING, withContext } from '../context.js'
import { oneAtATime } from '../oneAtATime.js'
import { changeQueue, without } from '../schedule/queue.js'

/* A bulk publish runs these hooks side by side in one transaction: their queue writes take turns. */
const oneDequeueAtATime = oneAtATime()

/** A review published by hand leaves the queue; the schedule's own hook re-slots the rest. */
export const dequeuePublishedReview: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc._status !== 'published' || req.context[SCHEDULING]) {
    return doc
  }
  await oneDequeueAtATime(req.payload, () =>
    changeQueue({ req: withContext(req, { [DEQUEUING]: true }), change: without([doc.id]) }),
  )
  return doc
}
