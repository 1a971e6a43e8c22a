import type { Payload } from 'payload'

import { deliverDueWebhooks, deliverSoon, stopWebhookTimers } from './deliveries.js'
import { reportMissedSlots, watchMissedSlots } from './missedSlots.js'

/**
 * At start: stop the timers when the instance is destroyed. Where this process runs the jobs, send
 * what a stop or crash left pending at once, without waiting for the first scheduled sweep; where it
 * runs none but would have (`isWatching`), watch for missed slots without the queue.
 */
export const startWebhooks = (
  payload: Payload,
  { isSweeping, isWatching }: { isSweeping: boolean; isWatching: boolean },
): void => {
  const stopWatching = isWatching ? watchMissedSlots(payload, () => deliverSoon(payload)) : undefined
  const destroy = payload.destroy
  payload.destroy = async () => {
    stopWatching?.()
    stopWebhookTimers(payload)
    await destroy()
  }
  if (!isSweeping) {
    return
  }
  // Not awaited: a slow receiver must not hold the server's start.
  void (async () => {
    await reportMissedSlots({ payload })
    await deliverDueWebhooks(payload, { wakeForNext: true })
  })().catch((error: unknown) =>
    payload.logger.error({ err: error }, 'soundtrackReviews: delivering webhooks at start failed'),
  )
}
