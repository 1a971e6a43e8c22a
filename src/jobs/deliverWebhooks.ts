import type { TaskConfig } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { deliverDueWebhooks, pruneDeliveries } from '../webhooks/deliveries.js'
import { reportMissedSlots } from '../webhooks/missedSlots.js'
import { WEBHOOK_ENDPOINTS_SLUG } from '../webhooks/slugs.js'
import { scheduleUnlessOneIsWaiting } from './scheduleUnlessOneIsWaiting.js'

type BeforeSchedule = Parameters<typeof scheduleUnlessOneIsWaiting>[0]

/**
 * A site without an enabled endpoint has nothing to send: no job is queued beside the publishing
 * one (two jobs a tick made a SQLite file without a busy timeout refuse the publishing job's writes).
 */
const scheduleWhenAnEndpointListens = async (args: BeforeSchedule) => {
  const { totalDocs } = await args.req.payload.db.count({
    collection: WEBHOOK_ENDPOINTS_SLUG,
    req: args.req,
    where: { enabled: { equals: true } },
  })
  return totalDocs === 0
    ? { input: {}, shouldSchedule: false, waitUntil: args.queueable.waitUntil }
    : scheduleUnlessOneIsWaiting(args)
}

/**
 * The durable sweep, on the publishing queue and cadence: reports slots the publishing job missed
 * (`schedule.missed`), sends every due delivery (what a restart or a crash left pending included),
 * arms this process's timer for the next retry and prunes the log (`webhooks.keepDays`). First attempts do not wait for it: they go out
 * after their commit.
 */
export const deliverWebhooksTask = (options: ResolvedOptions): TaskConfig => ({
  slug: 'deliverWebhooks',
  label: 'Deliver webhooks',
  schedule: [
    {
      cron: options.schedule.cron,
      queue: options.schedule.queue,
      hooks: { beforeSchedule: scheduleWhenAnEndpointListens },
    },
  ],
  outputSchema: [{ name: 'missedSlotDeliveries', type: 'number' }],
  handler: async ({ req }) => {
    const missedSlotDeliveries = await reportMissedSlots({ payload: req.payload })
    await deliverDueWebhooks(req.payload, { wakeForNext: true })
    await pruneDeliveries(req.payload)
    return { output: { missedSlotDeliveries } }
  },
})
