import type { PayloadRequest } from 'payload'

import type { ScheduleDoc } from './assignScheduleSlots.js'
import type { ID } from '../relationID.js'
import { lockSchedule } from '../db/locks.js'
import { slugsOf } from '../options.js'
import { queueIDs, readSchedule } from './assignScheduleSlots.js'

/**
 * Changes the queue as it stands now, never as some earlier read saw it: locks the schedule's row,
 * reads it in `req`'s transaction and writes `change(queue)` in the same transaction.
 * Nothing is written when nothing changes. `req.context` decides whether the schedule's own hooks re-slot the rest.
 */
export const changeQueue = async ({
  req,
  change,
}: {
  req: PayloadRequest
  change: (queue: ID[]) => ID[]
}): Promise<{ previousQueue: ID[]; schedule: ScheduleDoc }> => {
  await lockSchedule(req)
  const current = await readSchedule(req)
  const previousQueue = queueIDs(current.queue)
  const queue = change(previousQueue)
  if (queue.length === previousQueue.length) {
    return { previousQueue, schedule: current }
  }
  const schedule = (await req.payload.updateGlobal({
    slug: slugsOf(req.payload).schedule,
    data: { queue },
    depth: 0,
    overrideAccess: true,
    req,
  })) as ScheduleDoc
  return { previousQueue, schedule }
}

/** The queue without `ids`. */
export const without =
  (ids: ID[]) =>
  (queue: ID[]): ID[] =>
    queue.filter((id) => !ids.some((other) => String(other) === String(id)))
