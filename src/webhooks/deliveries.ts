import type { Payload, PayloadRequest, Where } from 'payload'

import type { Change, ChangeData, ChangeEvent } from '../changes/types.js'
import type { ID } from '../relationID.js'
import type { AttemptResult } from './send.js'
import type { WebhookSettings } from './settings.js'

import { relationID } from '../relationID.js'
import { claimDelivery, countEndpointFailure, resetEndpointFailures } from './claims.js'
import { postWebhook } from './send.js'
import { webhookSettingsOf } from './settings.js'
import { newWebhookId, signWebhook } from './signature.js'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from './slugs.js'

/** What every delivery's body is (Standard Webhooks' `type`, `timestamp`, `data`, plus cache tags and URLs). */
export type WebhookBody = {
  type: ChangeEvent
  timestamp: string
  data: ChangeData
  tags: string[]
  urls: string[]
}

export type WebhookAttempt = { at: string; statusCode?: null | number; durationMs: number; error?: null | string }

export type DeliveryStatus = 'delivered' | 'failed' | 'pending'

export type WebhookDelivery = {
  id: ID
  endpoint: ID | { id: ID }
  event: ChangeEvent
  webhookId: string
  payload: WebhookBody
  status: DeliveryStatus
  attempts?: WebhookAttempt[] | null
  nextAttemptAt?: null | string
  claimedUntil?: null | string
}

export type WebhookEndpoint = {
  id: ID
  url: string
  events?: ChangeEvent[] | null
  enabled?: boolean | null
  secret: string
  previousSecret?: null | string
  previousSecretExpiresAt?: null | string
  disabledReason?: null | string
  consecutiveFailures?: null | number
}

/** How long a claim outlives the attempt's own timeout: a sender that died mid-attempt is retried after it. */
const CLAIM_MARGIN_MS = 30_000

/** Due deliveries read per round; rounds repeat while a full batch came back. */
const BATCH = 100

/** Attempts in flight at once per sweep: one slow receiver does not hold back the others. */
const PARALLEL = 8

/** The in-process timer wakes for retries due within this; later ones are the scheduled sweep's. */
const LONGEST_WAIT_MS = 10 * 60 * 1000

/** Whether an endpoint hears of `event` (an empty `events` list means every event). */
export const isSubscribed = (endpoint: Pick<WebhookEndpoint, 'events'>, event: ChangeEvent): boolean =>
  !endpoint.events?.length || endpoint.events.includes(event)

const enabledEndpoints = async ({ payload, req }: { payload: Payload; req?: PayloadRequest }) =>
  (
    await payload.find({
      collection: WEBHOOK_ENDPOINTS_SLUG,
      where: { enabled: { equals: true } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      showHiddenFields: true,
      req,
    })
  ).docs as unknown as WebhookEndpoint[]

/** One pending delivery of `body` to an endpoint, due now; the same `webhookId` follows it through every retry. */
export const createDelivery = async ({
  payload,
  req,
  endpoint,
  body,
  webhookId = newWebhookId(),
}: {
  payload: Payload
  req?: PayloadRequest
  endpoint: ID
  body: WebhookBody
  webhookId?: string
}): Promise<ID> =>
  (
    await payload.create({
      collection: WEBHOOK_DELIVERIES_SLUG,
      data: {
        endpoint,
        event: body.type,
        webhookId,
        payload: body,
        status: 'pending',
        attempts: [],
        nextAttemptAt: new Date().toISOString(),
      },
      depth: 0,
      select: { id: true },
      overrideAccess: true,
      req,
    })
  ).id as ID

/** The body a receiver gets for a change. */
export const webhookBody = (
  event: ChangeEvent,
  { data, tags, urls }: Pick<Change, 'data' | 'tags' | 'urls'>,
  at = new Date(),
): WebhookBody => ({ type: event, timestamp: at.toISOString(), data, tags, urls })

/**
 * Called by the change feed inside the write's transaction: one pending delivery per enabled endpoint
 * subscribed to each change's event, written (or rolled back) with the change; answers how many.
 * One query when no endpoint listens. The feed starts the first attempts after the commit (deliverDueWebhooks), once
 * the cache and `revalidate` have heard of the change.
 */
export const queueWebhookDeliveries = async ({
  req,
  changes,
}: {
  req: PayloadRequest
  changes: Change[]
}): Promise<number> => {
  const events = changes.filter((change): change is Change & { event: ChangeEvent } => change.event !== undefined)
  if (events.length === 0) {
    return 0
  }
  let queued = 0
  const endpoints = await enabledEndpoints({ payload: req.payload, req })
  const at = new Date()
  for (const change of events) {
    for (const endpoint of endpoints.filter((candidate) => isSubscribed(candidate, change.event))) {
      await createDelivery({
        payload: req.payload,
        req,
        endpoint: endpoint.id,
        body: webhookBody(change.event, change, at),
      })
      queued += 1
    }
  }
  return queued
}

type Timer = { at: number; handle: NodeJS.Timeout }

const timers = new WeakMap<Payload, Timer>()
const stopped = new WeakSet<Payload>()

/** Starts a sweep without waiting for it (after a commit, from a timer): its failures are logged. */
export const deliverSoon = (payload: Payload, { wakeForNext = false } = {}): void => {
  if (stopped.has(payload)) {
    return
  }
  deliverDueWebhooks(payload, { wakeForNext }).catch((error: unknown) => {
    if (!stopped.has(payload)) {
      payload.logger.error({ err: error }, 'soundtrackReviews: delivering webhooks failed')
    }
  })
}

/** Wakes this process for a retry due at `at` (one timer per instance, the earliest wins; unref'd). */
const wakeAt = (payload: Payload, at: Date): void => {
  const wait = Math.max(at.getTime() - Date.now(), 0)
  const current = timers.get(payload)
  if (stopped.has(payload) || wait > LONGEST_WAIT_MS || (current && current.at <= at.getTime())) {
    return
  }
  if (current) {
    clearTimeout(current.handle)
  }
  // Re-armed after its sweep: a timer that fired a little early, or a retry another attempt set, is not left to the cron.
  const handle = setTimeout(() => {
    timers.delete(payload)
    deliverSoon(payload, { wakeForNext: true })
  }, wait)
  handle.unref()
  timers.set(payload, { at: at.getTime(), handle })
}

/** No more timers or sweeps for an instance being destroyed. */
export const stopWebhookTimers = (payload: Payload): void => {
  stopped.add(payload)
  const current = timers.get(payload)
  if (current) {
    clearTimeout(current.handle)
    timers.delete(payload)
  }
}

/**
 * Arms the timer for the earliest pending retry of an enabled endpoint that nobody is sending (after
 * a restart, from the scheduled sweep and the timer itself); an attempt in flight arms its own retry.
 */
const wakeForNextPending = async (payload: Payload, endpoints: WebhookEndpoint[]): Promise<void> => {
  const now = new Date().toISOString()
  const { docs } = await payload.find({
    collection: WEBHOOK_DELIVERIES_SLUG,
    where: {
      and: [
        { status: { equals: 'pending' } },
        { endpoint: { in: endpoints.map((endpoint) => endpoint.id) } },
        { or: [{ claimedUntil: { exists: false } }, { claimedUntil: { less_than: now } }] },
      ],
    },
    sort: 'nextAttemptAt',
    limit: 1,
    pagination: false,
    depth: 0,
    select: { nextAttemptAt: true },
    overrideAccess: true,
  })
  const next = docs[0]?.nextAttemptAt
  if (typeof next === 'string') {
    wakeAt(payload, new Date(next))
  }
}

/** Seconds until the retry after `failures` failed attempts, with ±10 % jitter; undefined when none is left. */
export const retryDelaySeconds = ({
  retrySeconds,
  failures,
  retryAfterSeconds,
  random = Math.random,
}: {
  retrySeconds: number[]
  failures: number
  retryAfterSeconds?: number
  random?: () => number
}): number | undefined => {
  const base = retrySeconds[failures - 1]
  if (base === undefined) {
    return undefined
  }
  // The jitter never brings a retry under one second (or under a shorter configured wait).
  const jittered = Math.max(base * (0.9 + 0.2 * random()), Math.min(base, 1))
  return Math.max(jittered, retryAfterSeconds ?? 0)
}

/** The secrets that sign now: the current one, and the one it replaced for a day after a rotation. */
export const signingSecrets = (endpoint: WebhookEndpoint, now: Date): string[] =>
  endpoint.previousSecret &&
  endpoint.previousSecretExpiresAt &&
  new Date(endpoint.previousSecretExpiresAt).getTime() > now.getTime()
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret]

/** The Standard Webhooks headers for one attempt: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export const signedHeaders = ({
  endpoint,
  webhookId,
  body,
  now,
}: {
  endpoint: WebhookEndpoint
  webhookId: string
  body: string
  now: Date
}): Record<string, string> => {
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({ secrets: signingSecrets(endpoint, now), id: webhookId, timestamp, body }),
  }
}

/**
 * `failures`: the count that decided it. Payload writes the whole row from what it read, so without it
 * a failure counted meanwhile by another attempt would be written back below the count shown.
 */
const disableEndpoint = async ({
  payload,
  id,
  reason,
  failures,
}: {
  payload: Payload
  id: ID
  reason: string
  failures: number
}) => {
  await payload.update({
    collection: WEBHOOK_ENDPOINTS_SLUG,
    where: { and: [{ id: { equals: id } }, { enabled: { equals: true } }] },
    data: { enabled: false, disabledReason: reason, consecutiveFailures: failures },
    depth: 0,
    select: { id: true },
    overrideAccess: true,
  })
  payload.logger.warn(`soundtrackReviews: webhook endpoint ${id} was disabled: ${reason}.`)
}

const RECORD_RETRY_MS = [100, 400, 1_500]

/** Runs an idempotent write again after a short wait when it fails, a few times, then gives up (throws). */
const retryingTransient = async <T>(write: () => Promise<T>): Promise<T> => {
  for (const wait of RECORD_RETRY_MS) {
    try {
      return await write()
    } catch {
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
  return write()
}

/** Writes one attempt's outcome: delivered, the next retry, or failed; counts the endpoint's failures. */
const recordAttempt = async ({
  payload,
  delivery,
  endpoint,
  at,
  result,
  settings,
}: {
  payload: Payload
  delivery: WebhookDelivery
  endpoint: WebhookEndpoint
  at: Date
  result: AttemptResult
  settings: WebhookSettings
}): Promise<DeliveryStatus> => {
  const attempts: WebhookAttempt[] = [
    ...(delivery.attempts ?? []).map(({ at: when, statusCode, durationMs, error }) => ({
      at: when,
      statusCode,
      durationMs,
      error,
    })),
    {
      at: at.toISOString(),
      statusCode: result.statusCode ?? null,
      durationMs: result.durationMs,
      error: result.error ?? null,
    },
  ]
  const wait = result.ok
    ? undefined
    : retryDelaySeconds({
        retrySeconds: settings.retrySeconds,
        failures: attempts.length,
        retryAfterSeconds: result.retryAfterSeconds,
      })
  const status: DeliveryStatus = result.ok ? 'delivered' : wait === undefined ? 'failed' : 'pending'
  const nextAttemptAt = wait === undefined ? null : new Date(Date.now() + wait * 1000)
  // The attempt was made: a transient refusal of this write (a busy SQLite file, a dropped connection)
  // must not leave it unrecorded, or the lapsed claim would send it again.
  await retryingTransient(() =>
    payload.update({
      collection: WEBHOOK_DELIVERIES_SLUG,
      id: delivery.id,
      data: { status, attempts, nextAttemptAt: nextAttemptAt?.toISOString() ?? null, claimedUntil: null },
      depth: 0,
      select: { id: true },
      overrideAccess: true,
    }),
  )
  if (result.ok) {
    await resetEndpointFailures({ payload, slug: WEBHOOK_ENDPOINTS_SLUG, id: endpoint.id })
    return status
  }
  const failures = await countEndpointFailure({ payload, slug: WEBHOOK_ENDPOINTS_SLUG, id: endpoint.id })
  if (result.statusCode === 410) {
    await disableEndpoint({ payload, id: endpoint.id, reason: '410 Gone', failures })
  } else if (failures >= settings.maxConsecutiveFailures) {
    await disableEndpoint({ payload, id: endpoint.id, reason: `${failures} consecutive failures`, failures })
  } else if (nextAttemptAt) {
    wakeAt(payload, nextAttemptAt)
  }
  return status
}

/**
 * One attempt of a delivery, if this caller wins its claim (a due, pending delivery nobody else is
 * sending): signed with the endpoint's secrets, posted, and recorded. Returns whether it was sent.
 */
export const attemptDelivery = async ({
  payload,
  delivery,
  endpoint,
}: {
  payload: Payload
  delivery: WebhookDelivery
  endpoint: WebhookEndpoint
}): Promise<boolean> => {
  const settings = webhookSettingsOf(payload)
  const now = new Date()
  const isClaimed = await claimDelivery({
    payload,
    slug: WEBHOOK_DELIVERIES_SLUG,
    id: delivery.id,
    now,
    until: new Date(now.getTime() + settings.timeoutMs + CLAIM_MARGIN_MS),
  })
  if (!isClaimed) {
    return false
  }
  const body = JSON.stringify(delivery.payload)
  const result = await postWebhook({
    url: endpoint.url,
    headers: signedHeaders({ endpoint, webhookId: delivery.webhookId, body, now }),
    body,
    timeoutMs: settings.timeoutMs,
    allowPrivateNetworks: settings.allowPrivateNetworks,
  })
  await recordAttempt({ payload, delivery, endpoint, at: now, result, settings })
  return true
}

/** Runs `work` over `items`, at most `limit` at once. */
const inParallel = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      await work(items[next++])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

const isGone = async (payload: Payload, id: ID): Promise<boolean> =>
  (await payload.count({ collection: WEBHOOK_DELIVERIES_SLUG, where: { id: { equals: id } }, overrideAccess: true }))
    .totalDocs === 0

const dueWhere = (endpoints: WebhookEndpoint[], now: Date): Where => ({
  and: [
    { status: { equals: 'pending' } },
    { endpoint: { in: endpoints.map((endpoint) => endpoint.id) } },
    { nextAttemptAt: { less_than_equal: now.toISOString() } },
    { or: [{ claimedUntil: { exists: false } }, { claimedUntil: { less_than: now.toISOString() } }] },
  ],
})

/**
 * Sends every due delivery of an enabled endpoint that no one else is sending, each claimed in the
 * database first, so several instances sweeping at once never send the same attempt twice. Resolves
 * once this call's attempts are recorded. Called after each commit that queued deliveries, by the
 * `deliverWebhooks` task, at start and by the retry timer. `wakeForNext` also arms the timer for the
 * earliest pending retry (start and the scheduled sweep; the other calls arm it as attempts fail).
 */
export const deliverDueWebhooks = async (payload: Payload, { wakeForNext = false } = {}): Promise<void> => {
  const endpoints = await enabledEndpoints({ payload })
  if (endpoints.length === 0) {
    return
  }
  const byID = new Map(endpoints.map((endpoint) => [String(endpoint.id), endpoint]))
  for (let round = 0; round < 10; round++) {
    const { docs } = await payload.find({
      collection: WEBHOOK_DELIVERIES_SLUG,
      where: dueWhere(endpoints, new Date()),
      sort: 'nextAttemptAt',
      limit: BATCH,
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const due = docs as unknown as WebhookDelivery[]
    await inParallel(due, PARALLEL, async (delivery) => {
      const endpoint = byID.get(String(relationID(delivery.endpoint)))
      if (!endpoint || stopped.has(payload)) {
        return
      }
      try {
        await attemptDelivery({ payload, delivery, endpoint })
      } catch (error) {
        if (await isGone(payload, delivery.id)) {
          // Its endpoint was deleted (with its deliveries) while the attempt ran: nothing left to record.
          return
        }
        payload.logger.error({ err: error }, `soundtrackReviews: webhook delivery ${delivery.id} failed`)
      }
    })
    if (due.length < BATCH) {
      break
    }
  }
  if (wakeForNext) {
    await wakeForNextPending(payload, endpoints)
  }
}

/**
 * Deletes deliveries that ended (delivered or failed) more than `webhooks.keepDays` ago: the log
 * shows recent traffic without growing for ever. Pending ones stay, whatever their age.
 */
export const pruneDeliveries = async (payload: Payload): Promise<void> => {
  const { keepDays } = webhookSettingsOf(payload)
  const before = new Date(Date.now() - keepDays * 86_400_000).toISOString()
  await payload.db.deleteMany({
    collection: WEBHOOK_DELIVERIES_SLUG,
    where: { and: [{ status: { in: ['delivered', 'failed'] } }, { updatedAt: { less_than: before } }] },
  })
}

/**
 * Sends one delivery now, whatever its endpoint's state (the test endpoint and Resend): pending and due
 * at once, then attempted here unless a sweep claimed it first. Returns the delivery as recorded.
 */
export const deliverNow = async ({ payload, id }: { payload: Payload; id: ID }): Promise<WebhookDelivery> => {
  const read = async () =>
    (await payload.findByID({
      collection: WEBHOOK_DELIVERIES_SLUG,
      id,
      depth: 0,
      overrideAccess: true,
    })) as unknown as WebhookDelivery
  const delivery = await read()
  const endpoint = (await payload.findByID({
    collection: WEBHOOK_ENDPOINTS_SLUG,
    id: relationID(delivery.endpoint)!,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
  })) as unknown as WebhookEndpoint
  await attemptDelivery({ payload, delivery, endpoint })
  return read()
}
