import type { CollectionAfterChangeHook } from 'payload'

import { slugs } from '../options'
import { queueIDs, readSchedule, SCHEDULING } from './assignScheduleSlots'

/** A review published by hand leaves the queue; the schedule's own hook re-slots the rest. */
export const dequeuePublishedReview: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc._status !== 'published' || req.context[SCHEDULING]) {
    return doc
  }
  const schedule = await readSchedule(req)
  const queue = queueIDs(schedule.queue)
  if (queue.some((id) => String(id) === String(doc.id))) {
    await req.payload.updateGlobal({
      slug: slugs.schedule,
      data: { queue: queue.filter((id) => String(id) !== String(doc.id)) },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  return doc
}
