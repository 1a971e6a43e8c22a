import type { PayloadRequest, TaskConfig } from 'payload'

import type { ID } from '../relationID.js'
import type { ResolvedOptions } from '../types.js'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { SCHEDULING } from '../context.js'
import { PUBLISHED_BY_SCHEDULE } from '../context.js'
import { withContext } from '../context.js'
import { claimForPublishing, lockReviews, lockSchedule, releaseClaim } from '../db/locks.js'
import { oneAtATime } from '../oneAtATime.js'
import { describeErrors, queueIDs, readStoredSchedule, reassignSlots } from '../schedule/queue.js'
import { changeQueue, without } from '../schedule/queue.js'
import { slugsOf } from '../settings.js'
import { recordLastRun } from './lastRun.js'
import { scheduleUnlessOneIsWaiting } from './scheduleUnlessOneIsWaiting.js'

export type PublishRun = { published: ID[]; failed: { id: ID; reason: string }[] }

/** Runs `work` in a transaction of its own, committed when it returns and rolled back when it throws. */
const inOwnTransaction = async <T>(req: PayloadRequest, work: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  const own = { ...req, transactionID: undefined } as PayloadRequest
  const isOwn = await initTransaction(own)
  try {
    const result = await work(own)
    if (isOwn) {
      await commitTransaction(own)
    }
    return result
  } catch (error) {
    if (isOwn) {
      await killTransaction(own)
    }
    throw error
  }
}

/* Runs in one process take turns (as before); across processes the claim decides. */
const serialised = oneAtATime()

/**
 * Publishes every queued review whose slot has passed, oldest slot first, each in its own
 * transaction: lock the schedule's row and the review's, re-read whether it is still queued and
 * due (the due list was read before), claim it (a conditional write only one runner wins, whichever
 * process it is in), publish it at its slot, and take it off the queue as it stands then. Reviews
 * that failed then leave the queue and the rest move up. The run state goes to the kv store
 * (lastRun.ts), so a run that publishes nothing writes nothing the public or an admin's form sees.
 */
export const publishDueReviews = ({
  req,
  now = new Date(),
}: {
  req: PayloadRequest
  now?: Date
}): Promise<PublishRun> => serialised(req.payload, () => publishDue({ req, now }))

/** The queued reviews whose slot has passed, oldest slot first: the job's one query (indexed on `publishAt`). */
export const findDueReviews = async ({
  req,
  queue,
  now,
}: {
  req: PayloadRequest
  queue: (number | string)[]
  now: Date
}) =>
  queue.length
    ? (
        await req.payload.find({
          collection: slugsOf(req.payload).reviews,
          where: { and: [{ id: { in: queue } }, { publishAt: { less_than_equal: now.toISOString() } }] },
          draft: true,
          sort: 'publishAt',
          select: { publishAt: true, title: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        })
      ).docs
    : []

/** Publishes `id` if, as the locked rows stand now, the schedule is on and the review still queued and due. */
const publishIfStillDue = async ({ req, id, now }: { req: PayloadRequest; id: ID; now: Date }): Promise<boolean> => {
  // The schedule before the review: the order every writer of both takes its locks in.
  await lockSchedule(req)
  await lockReviews(req, [id])
  const schedule = await readStoredSchedule(req)
  const queued = queueIDs(schedule.queue).filter((other) => String(other) === String(id))
  const [review] = schedule.enabled ? await findDueReviews({ req, queue: queued, now }) : []
  if (!review) {
    return false
  }
  const isWon = await claimForPublishing({ req, id })
  if (isWon) {
    await req.payload
      .update({
        collection: slugsOf(req.payload).reviews,
        id,
        data: { _status: 'published', publishedAt: review.publishAt, publishAt: review.publishAt },
        depth: 0,
        overrideAccess: true,
        select: { _status: true },
        req,
      })
      .catch(async (error: unknown) => {
        await releaseClaim({ req, id })
        throw error
      })
  }
  await changeQueue({ req, change: without([id]) })
  return isWon
}

const publishDue = async ({ req, now }: { req: PayloadRequest; now: Date }): Promise<PublishRun> => {
  const schedule = await readStoredSchedule(req)
  const run: PublishRun = { published: [], failed: [] }
  if (!schedule.enabled) {
    return run
  }
  const due = await findDueReviews({ req, queue: queueIDs(schedule.queue), now })

  const publishing = withContext(req, { [PUBLISHED_BY_SCHEDULE]: true, [SCHEDULING]: true })
  for (const review of due) {
    try {
      if (await inOwnTransaction(publishing, (tx) => publishIfStillDue({ req: tx, id: review.id, now }))) {
        run.published.push(review.id)
      }
    } catch (error) {
      run.failed.push({ id: review.id, reason: `“${review.title}” (${review.id}): ${describeErrors(error)}` })
    }
  }

  if (run.failed.length > 0) {
    await inOwnTransaction(withContext(req, { [SCHEDULING]: true }), async (tx) => {
      const { schedule: updated } = await changeQueue({ req: tx, change: without(run.failed.map((f) => f.id)) })
      await reassignSlots({ req: tx, schedule: updated, now })
    })
  }
  await recordLastRun(req.payload, {
    lastRunAt: now.toISOString(),
    lastError: run.failed.length
      ? `Not published, taken off the queue: ${run.failed.map((f) => f.reason).join(' · ')}`
      : null,
  })
  return run
}

export const publishDueReviewsTask = (options: ResolvedOptions): TaskConfig => ({
  slug: 'publishDueReviews',
  label: 'Publish due reviews',
  schedule: [
    {
      cron: options.schedule.cron,
      queue: options.schedule.queue,
      hooks: { beforeSchedule: scheduleUnlessOneIsWaiting },
    },
  ],
  outputSchema: [
    { name: 'published', type: 'json' },
    { name: 'failed', type: 'json' },
  ],
  handler: async ({ req }) => ({ output: await publishDueReviews({ req }) }),
})
