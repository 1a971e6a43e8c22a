import type { GlobalAfterChangeHook } from 'payload'

import { SCHEDULING } from '../context.js'
import { reassignSlots } from '../schedule/queue.js'

/** Saving the schedule (cadence, queue order, skip dates) re-slots the queue in the same transaction. */
export const assignScheduleSlots: GlobalAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!req.context[SCHEDULING]) {
    await reassignSlots({ req, schedule: doc, previous: previousDoc ?? {} })
  }
  return doc
}
