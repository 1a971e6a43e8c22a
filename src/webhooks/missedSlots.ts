import type { Payload } from 'payload'

import type { ID } from '../relationID.js'
import type { WebhookEndpoint } from './deliveries.js'

import { createHash } from 'node:crypto'
import { ValidationError } from 'payload'

import { reviewURL } from '../reviewURL.js'
import { queueIDs } from '../schedule/queue.js'
import { reviewUrlOf, slugsOf } from '../settings.js'
import { createDelivery, isSubscribed, webhookBody } from './deliveries.js'
import { WEBHOOK_ENDPOINTS_SLUG } from './slugs.js'

/** A queued review still unpublished this long after its slot has missed it: the publishing job is not running. */
export const MISSED_AFTER_MS = 5 * 60 * 1000

export type MissedSlot = { review: { id: ID; title: string; slug?: string; url: string }; slot: string }

type QueuedReview = { id: ID; title?: string; slug?: null | string; publishAt?: null | string; _status?: string }

/** The queued reviews whose slot passed more than five minutes ago, unpublished (two queries; none while the schedule is off). */
export const findMissedSlots = async ({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<MissedSlot[]> => {
  const slugs = slugsOf(payload)
  const schedule = (await payload.findGlobal({
    slug: slugs.schedule,
    select: { enabled: true, queue: true },
    depth: 0,
    overrideAccess: true,
  })) as { enabled?: boolean | null; queue?: (ID | { id: ID })[] | null }
  const queue = queueIDs(schedule.queue)
  if (!schedule.enabled || queue.length === 0) {
    return []
  }
  const { docs } = await payload.find({
    collection: slugs.reviews,
    where: {
      and: [
        { id: { in: queue } },
        { publishAt: { less_than_equal: new Date(now.getTime() - MISSED_AFTER_MS).toISOString() } },
        { _status: { not_equals: 'published' } },
      ],
    },
    draft: true,
    sort: 'publishAt',
    select: { title: true, slug: true, publishAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const template = reviewUrlOf(payload)
  return (docs as unknown as QueuedReview[]).map((review) => ({
    review: {
      id: review.id,
      title: review.title ?? '',
      slug: review.slug ?? undefined,
      url: reviewURL(template, { id: review.id, slug: review.slug }),
    },
    slot: new Date(review.publishAt!).toISOString(),
  }))
}

/** The kv key that remembers a missed slot was reported (`schedule.missed` goes out once per review and slot). */
const reportedKey = (missed: MissedSlot): string =>
  `soundtrack-reviews:webhooks:missed:${missed.review.id}:${missed.slot}`

/**
 * The same review, slot and endpoint always give the same `webhook-id`: the unique index on it lets
 * only one of several instances that notice the same missed slot at once write its delivery.
 */
const missedWebhookId = (missed: MissedSlot, endpoint: ID): string =>
  `msg_missed_${createHash('sha256').update(`${endpoint}\n${missed.review.id}\n${missed.slot}`).digest('base64url').slice(0, 32)}`

/** Queues `schedule.missed` for each slot missed and not reported yet; returns how many deliveries it queued. */
export const reportMissedSlots = async ({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<number> => {
  const missedSlots = await findMissedSlots({ payload, now })
  let queued = 0
  let endpoints: WebhookEndpoint[] | undefined
  for (const missed of missedSlots) {
    const key = reportedKey(missed)
    if (await payload.kv.get(key)) {
      continue
    }
    endpoints ??= (
      (
        await payload.find({
          collection: WEBHOOK_ENDPOINTS_SLUG,
          where: { enabled: { equals: true } },
          select: { events: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
        })
      ).docs as unknown as WebhookEndpoint[]
    ).filter((endpoint) => isSubscribed(endpoint, 'schedule.missed'))
    const body = webhookBody(
      'schedule.missed',
      { data: { ...missed.review, scheduledFor: missed.slot }, tags: [], urls: [] },
      now,
    )
    for (const endpoint of endpoints) {
      try {
        await createDelivery({ payload, endpoint: endpoint.id, body, webhookId: missedWebhookId(missed, endpoint.id) })
        queued++
      } catch (error) {
        // Another instance wrote this endpoint's delivery for the slot first.
        if (!(error instanceof ValidationError)) {
          throw error
        }
      }
    }
    await payload.kv.set(key, { reportedAt: now.toISOString() })
  }
  return queued
}

/** How often a process that runs no job queue looks for missed slots itself. */
const WATCH_EVERY_MS = 60_000

/**
 * Where this process runs no job queue (`schedule.runInProcess: false`: an external cron calls
 * `/api/payload-jobs/run`), the alarm must not depend on that queue, which is what fails: once a
 * minute, unref'd, this process reports missed slots and sends them. Returns the stop.
 */
export const watchMissedSlots = (payload: Payload, send: () => void): (() => void) => {
  let isRunning = false
  const handle = setInterval(() => {
    if (isRunning) {
      return
    }
    isRunning = true
    reportMissedSlots({ payload })
      .then((queued) => queued > 0 && send())
      .catch((error: unknown) =>
        payload.logger.error({ err: error }, 'soundtrackReviews: looking for missed slots failed'),
      )
      .finally(() => {
        isRunning = false
      })
  }, WATCH_EVERY_MS)
  handle.unref()
  return () => clearInterval(handle)
}
