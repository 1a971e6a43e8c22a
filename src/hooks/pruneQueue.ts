import type { GlobalBeforeChangeHook } from 'payload'

import { DEQUEUING } from '../context.js'
import { queueIDs } from '../schedule/queue.js'
import { slugsOf } from '../settings.js'

/**
 * When reviews are published together (a bulk publish), each one's dequeue write may start from a
 * queue read before the others were published. Whichever write lands last drops every published
 * review, read at write time in the same transaction, so none is left queued.
 */
export const pruneQueue: GlobalBeforeChangeHook = async ({ data, req }) => {
  const queue = queueIDs(data.queue)
  if (!req.context[DEQUEUING] || queue.length === 0) {
    return data
  }
  const { docs: published } = await req.payload.find({
    collection: slugsOf(req.payload).reviews,
    where: { and: [{ id: { in: queue } }, { _status: { equals: 'published' } }] },
    select: { _status: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const isPublished = new Set(published.map((doc) => String(doc.id)))
  return { ...data, queue: queue.filter((id) => !isPublished.has(String(id))) }
}
