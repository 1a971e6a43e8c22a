import type { PayloadRequest, TaskConfig } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ResolvedOptions } from '../options.js'
import type { ScheduleDoc } from '../hooks/assignScheduleSlots.js'
import { describeErrors, queueIDs, readSchedule, reassignSlots, SCHEDULING } from '../hooks/assignScheduleSlots.js'
import { PUBLISHED_BY_SCHEDULE } from '../hooks/guardPublishing.js'
import { withContext } from '../hooks/withContext.js'
import { oneAtATime } from '../oneAtATime.js'
import { slugsOf } from '../options.js'

export type PublishRun = { published: (number | string)[]; failed: { id: number | string; reason: string }[] }

/* One run at a time per process: two overlapping runners would otherwise race on the same review. */
const serialised = oneAtATime()

/**
 * Publishes every queued review whose slot has passed, oldest slot first. A review is re-read
 * just before and skipped if already published, and runs in a process are serialised, so each is
 * published once; one still queued after a crash is found published and only leaves the queue.
 */
export const publishDueReviews = ({
  req,
  now = new Date(),
}: {
  req: PayloadRequest
  now?: Date
}): Promise<PublishRun> =>
  serialised(req.payload, async () => {
    const { payload } = req
    const schedule = await readSchedule(req)
    const run: PublishRun = { published: [], failed: [] }
    if (!schedule.enabled) {
      return run
    }
    const queue = queueIDs(schedule.queue)
    const { docs: due } = queue.length
      ? await payload.find({
          collection: slugsOf(req.payload).reviews,
          where: { and: [{ id: { in: queue } }, { publishAt: { less_than_equal: now.toISOString() } }] },
          draft: true,
          sort: 'publishAt',
          select: { publishAt: true, title: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
        })
      : { docs: [] }

    // Each publish is one Payload write (document and version together). SQLite allows one writer,
    // so nothing else is held open meanwhile: a crash leaves the rest due for the next run.
    const publishReq = withContext(req, { [PUBLISHED_BY_SCHEDULE]: true, [SCHEDULING]: true })
    for (const review of due) {
      try {
        const latest = await payload.findByID({
          collection: slugsOf(req.payload).reviews,
          id: review.id,
          draft: true,
          depth: 0,
          select: { _status: true },
          overrideAccess: true,
          req: publishReq,
        })
        if (latest._status !== 'published') {
          await payload.update({
            collection: slugsOf(req.payload).reviews,
            id: review.id,
            data: { _status: 'published', publishedAt: review.publishAt, publishAt: review.publishAt },
            depth: 0,
            overrideAccess: true,
            select: { _status: true },
            req: publishReq,
          })
        }
        run.published.push(review.id)
      } catch (error) {
        run.failed.push({ id: review.id, reason: `“${review.title}” (${review.id}): ${describeErrors(error)}` })
      }
    }

    // Published and failed reviews leave the queue; the rest keep or get their slots.
    const leaving = new Set([...run.published, ...run.failed.map((f) => f.id)].map(String))
    const remaining = queue.filter((id) => !leaving.has(String(id)))
    const statusReq = { ...withContext(req, { [SCHEDULING]: true }), transactionID: undefined } as PayloadRequest
    const isOwn = await initTransaction(statusReq)
    try {
      const updated = (await payload.updateGlobal({
        slug: slugsOf(req.payload).schedule,
        data: {
          queue: remaining,
          lastRunAt: now.toISOString(),
          lastError: run.failed.length
            ? `Not published, taken off the queue: ${run.failed.map((f) => f.reason).join(' · ')}`
            : null,
        },
        depth: 0,
        overrideAccess: true,
        req: statusReq,
      })) as ScheduleDoc
      await reassignSlots({ req: statusReq, schedule: updated, previousQueue: [], now })
      if (isOwn) {
        await commitTransaction(statusReq)
      }
    } catch (error) {
      if (isOwn) {
        await killTransaction(statusReq)
      }
      throw error
    }
    return run
  })

export const publishDueReviewsTask = (options: ResolvedOptions): TaskConfig => ({
  slug: 'publishDueReviews',
  label: 'Publish due reviews',
  schedule: [{ cron: options.schedule.cron, queue: options.schedule.queue }],
  outputSchema: [
    { name: 'published', type: 'json' },
    { name: 'failed', type: 'json' },
  ],
  handler: async ({ req }) => ({ output: await publishDueReviews({ req }) }),
})
