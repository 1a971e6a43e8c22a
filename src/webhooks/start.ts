import type { Payload } from 'payload'

import { deliverDueWebhooks, stopWebhookTimers } from './deliveries.js'
import { reportMissedSlots } from './missedSlots.js'

/**
 * At start: stop the retry timer when the instance is destroyed, and (where this process runs the
 * jobs) send what a stop or crash left pending at once, without waiting for the first scheduled sweep.
 */
export const startWebhooks = (payload: Payload, { isSweeping }: { isSweeping: boolean }): void => {
  const destroy = payload.destroy
  payload.destroy = async () => {
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
