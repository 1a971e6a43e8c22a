import type { TaskConfig } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { deliverDueWebhooks } from '../webhooks/deliveries.js'
import { reportMissedSlots } from '../webhooks/missedSlots.js'
import { scheduleUnlessOneIsWaiting } from './scheduleUnlessOneIsWaiting.js'

/**
 * The durable sweep, on the publishing queue and cadence: reports slots the publishing job missed
 * (`schedule.missed`), sends every due delivery (what a restart or a crash left pending included) and
 * arms this process's timer for the next retry. First attempts do not wait for it: they go out
 * after their commit.
 */
export const deliverWebhooksTask = (options: ResolvedOptions): TaskConfig => ({
  slug: 'deliverWebhooks',
  label: 'Deliver webhooks',
  schedule: [
    {
      cron: options.schedule.cron,
      queue: options.schedule.queue,
      hooks: { beforeSchedule: scheduleUnlessOneIsWaiting },
    },
  ],
  outputSchema: [{ name: 'missedSlotDeliveries', type: 'number' }],
  handler: async ({ req }) => {
    const missedSlotDeliveries = await reportMissedSlots({ payload: req.payload })
    await deliverDueWebhooks(req.payload, { wakeForNext: true })
    return { output: { missedSlotDeliveries } }
  },
})
