import type { CollectionBeforeDeleteHook } from 'payload'

import { SCHEDULING, withContext } from '../context.js'
import { changeQueue, queueIDs, reassignSlots, without } from '../schedule/queue.js'

/**
 * A deleted review leaves the queue in the delete's transaction and each later review moves up
 * into the freed slot, as saving the schedule would do. Done before the row goes: SQL adapters
 * drop the queue entry with the row, which would hide that it was queued; MongoDB would keep it.
 */
export const dequeueDeletedReview: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const scheduling = withContext(req, { [SCHEDULING]: true })
  const { previousQueue, schedule } = await changeQueue({ req: scheduling, change: without([id]) })
  if (queueIDs(schedule.queue).length !== previousQueue.length) {
    await reassignSlots({ req: scheduling, schedule })
  }
}
