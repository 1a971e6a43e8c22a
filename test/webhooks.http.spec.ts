import type { IncomingHttpHeaders, Server } from 'node:http'
import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { Change } from '../src/changes/types'
import type { ID } from '../src/relationID'
import type { WebhookDelivery } from '../src/webhooks/deliveries'
import type { TestUser } from './helpers'

import { createServer } from 'node:http'
import { commitTransaction, createLocalReq, getPayload, initTransaction, killTransaction } from 'payload'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import {
  createDelivery,
  deliverDueWebhooks,
  deliverSoon,
  queueWebhookDeliveries,
  webhookBody,
} from '../src/webhooks/deliveries'
import { reportMissedSlots } from '../src/webhooks/missedSlots'
import { webhookSettingsOf } from '../src/webhooks/settings'
import { createUser, loginHeaders, setClock, startTestServer, uniqueTitle } from './helpers'
import { draftReview, FRIDAYS_IN_NEW_YORK, NOW, resetSchedule, S1, SCHEDULE } from './scheduleFixtures'

// Short retries (as the app reads them from its environment): 1 s, then 1 s, then the delivery has failed.
process.env.WEBHOOK_RETRY_SECONDS = '1,1'

const ENDPOINTS = 'webhook-endpoints'
const DELIVERIES = 'webhook-deliveries'

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser
let film: ID

type Received = { headers: IncomingHttpHeaders; body: string; at: number; status: number }
type Answer = { status: number; headers?: Record<string, string>; delayMs?: number }

type Receiver = {
  url: string
  received: Received[]
  /** Answers in turn; the last one repeats. */
  answer: (...answers: Answer[]) => void
  close: () => Promise<void>
}

const receivers: Receiver[] = []

/** A webhook receiver on 127.0.0.1 that keeps every request as it came (headers, raw body). */
const startReceiver = async (): Promise<Receiver> => {
  const received: Received[] = []
  let answers: Answer[] = [{ status: 200 }]
  const http: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const { status, headers, delayMs = 0 } = answers.length > 1 ? answers.shift()! : answers[0]
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), status })
      setTimeout(() => response.writeHead(status, headers).end('ok'), delayMs)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer: (...next) => {
      answers = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  }
  receivers.push(receiver)
  return receiver
}

/** The standardwebhooks reference verifier: throws unless `secret` signed this request. */
const verify = (secret: string, { body, headers }: Received) =>
  new Webhook(secret).verify(body, headers as Record<string, string>) as Record<string, unknown>

const waitFor = async <T>(
  read: () => Promise<T> | T,
  isDone: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (isDone(value) || Date.now() > deadline) {
      return value
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const api = async (
  path: string,
  { method = 'GET', body, user }: { method?: string; body?: unknown; user?: TestUser } = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(user ? await loginHeaders(server.url, user) : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> }
}

type Endpoint = { id: ID; url: string; secret: string; enabled: boolean }

/** An endpoint created over REST by the admin (the answer carries the generated secret). */
const createEndpoint = async (url: string, data: Record<string, unknown> = {}): Promise<Endpoint> => {
  const { status, body } = await api(`/${ENDPOINTS}`, { method: 'POST', body: { url, ...data }, user: admin })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as Endpoint
}

const readEndpoint = async (id: ID) =>
  (await payload.findByID({ collection: ENDPOINTS, id, depth: 0, overrideAccess: true })) as unknown as Endpoint & {
    consecutiveFailures: number
    disabledReason: null | string
  }

const deliveriesOf = async (endpoint: ID): Promise<WebhookDelivery[]> =>
  (
    await payload.find({
      collection: DELIVERIES,
      where: { endpoint: { equals: endpoint } },
      sort: 'createdAt',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs as unknown as WebhookDelivery[]

const reviewChange = (title = uniqueTitle('Changed review')): Change => ({
  event: 'review.updated',
  tags: ['review:1', 'reviews'],
  urls: ['http://localhost:3000/reviews/changed'],
  data: { id: 1, slug: 'changed', url: 'http://localhost:3000/reviews/changed', title },
})

/**
 * What the change feed does: queue inside the write's transaction and, once it has committed, start
 * sending. Returns when the commit was done.
 */
const queueInTransaction = async (changes: Change[]): Promise<number> => {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  await queueWebhookDeliveries({ req, changes })
  await commitTransaction(req)
  const committedAt = Date.now()
  deliverSoon(payload)
  return committedAt
}

const fieldErrorsOf = (body: Record<string, unknown>) =>
  ((body.errors ?? []) as { data?: { errors?: { path: string; message: string }[] } }[]).flatMap(
    (error) => error.data?.errors ?? [],
  )

beforeAll(async () => {
  server = await startTestServer('webhooks_http')
  payload = server.payload
  // Sweeps are started by the tests (and moved in time): the minute cron would start them at random moments.
  await Promise.all(payload.crons.splice(0).map((cron) => cron.stop()))
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  film = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Heat'), releaseYear: 1995 } })).id
})

afterEach(async () => {
  vi.useRealTimers()
  await payload.delete({ collection: ENDPOINTS, where: { id: { exists: true } }, overrideAccess: true })
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()))
})

afterAll(async () => {
  await server?.close()
})

describe('webhook deliveries', () => {
  it('should sign each delivery with the Standard Webhooks headers and send { type, timestamp, data, tags, urls } at once after commit', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const change = reviewChange()

    const committedAt = await queueInTransaction([change])
    await waitFor(
      () => receiver.received,
      (received) => received.length === 1,
    )
    expect(receiver.received).toHaveLength(1)
    const [request] = receiver.received
    expect(request.at - committedAt).toBeLessThan(1_000)
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['webhook-id']).toMatch(/^msg_/)
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - committedAt / 1000)).toBeLessThan(5)
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    const body = verify(endpoint.secret, request)
    expect(body).toEqual({
      type: 'review.updated',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: change.data,
      tags: change.tags,
      urls: change.urls,
    })
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request)).toThrow(/signature/)

    const [delivery] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'delivered',
    )
    expect(delivery).toMatchObject({
      event: 'review.updated',
      webhookId: request.headers['webhook-id'],
      payload: body,
      status: 'delivered',
      nextAttemptAt: null,
      attempts: [{ statusCode: 200, error: null }],
    })
    expect(JSON.parse(request.body)).toEqual(delivery.payload)
  })

  it('should queue nothing for a transaction that rolls back, and nothing for changes without an event', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await queueWebhookDeliveries({ req, changes: [reviewChange()] })
    await killTransaction(req)
    await queueInTransaction([{ tags: ['films'], urls: [], data: {} }])
    await deliverDueWebhooks(payload)
    expect(await deliveriesOf(endpoint.id)).toEqual([])
    expect(receiver.received).toEqual([])
  })

  it('should send only the events an endpoint subscribed to (none listed: all)', async () => {
    const receiver = await startReceiver()
    const picky = await createEndpoint(receiver.url, { events: ['review.published'] })
    const all = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange(), { ...reviewChange(), event: 'review.published' }])
    expect((await deliveriesOf(picky.id)).map((delivery) => delivery.event)).toEqual(['review.published'])
    expect((await deliveriesOf(all.id)).map((delivery) => delivery.event).sort()).toEqual([
      'review.published',
      'review.updated',
    ])
    await waitFor(
      () => receiver.received,
      (received) => received.length === 3,
    )
    expect(receiver.received).toHaveLength(3)
  })

  it('should retry 503, 503, 200 as three attempts with one webhook-id, all three logged', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 503 }, { status: 503 }, { status: 200 })
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])

    const [delivery] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'delivered',
    )
    expect(receiver.received).toHaveLength(3)
    const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']))
    expect([...ids]).toEqual([delivery.webhookId])
    for (const request of receiver.received) {
      expect(verify(endpoint.secret, request)).toEqual(delivery.payload)
    }
    // retrySeconds [1, 1]: the jitter never brings a retry under a second.
    const [first, second, third] = receiver.received.map((request) => request.at)
    expect(second - first).toBeGreaterThanOrEqual(990)
    expect(third - second).toBeGreaterThanOrEqual(990)
    expect(delivery.attempts?.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: 503, error: 'The receiver answered 503 Service Unavailable.' },
      { statusCode: 503, error: 'The receiver answered 503 Service Unavailable.' },
      { statusCode: 200, error: null },
    ])
    expect(delivery.attempts?.every((attempt) => attempt.durationMs >= 0)).toBe(true)
    expect((await readEndpoint(endpoint.id)).consecutiveFailures).toBe(0)
  })

  it('should mark a delivery failed after its last retry', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 500 })
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])
    const [delivery] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'failed',
    )
    expect(delivery.status).toBe('failed')
    expect(delivery.attempts).toHaveLength(3)
    expect(delivery.nextAttemptAt).toBeNull()
    expect(receiver.received).toHaveLength(3)
  })

  it('should wait as long as Retry-After asks when that is longer than the schedule', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 429, headers: { 'retry-after': '2' } }, { status: 200 })
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])
    const [pending] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.attempts?.length === 1,
    )
    expect(pending.status).toBe('pending')
    const [first] = pending.attempts!
    const wait = Date.parse(pending.nextAttemptAt!) - Date.parse(first.at)
    expect(wait).toBeGreaterThanOrEqual(2_000)
    // Measured from the attempt's start; the schedule alone would have said about one second.
    expect(wait).toBeLessThan(2_000 + first.durationMs + 500)

    const [delivered] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'delivered',
    )
    expect(delivered.attempts?.map((attempt) => attempt.statusCode)).toEqual([429, 200])
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(1_990)
  })

  it('should disable an endpoint that answers 410 Gone, keep its delivery pending and show it to admins', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 410 })
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])
    const disabled = await waitFor(
      () => readEndpoint(endpoint.id),
      (doc) => doc.enabled === false,
    )
    expect(disabled).toMatchObject({ enabled: false, disabledReason: '410 Gone' })
    const [delivery] = await deliveriesOf(endpoint.id)
    expect(delivery.status).toBe('pending')
    expect(delivery.attempts?.map((attempt) => attempt.statusCode)).toEqual([410])

    // Switched off: later events are not queued for it, and its pending delivery waits.
    await queueInTransaction([reviewChange()])
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    await deliverDueWebhooks(payload)
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1)
    expect(receiver.received).toHaveLength(1)

    const alerts = await api(`/${ENDPOINTS}/alerts`, { user: admin })
    expect(alerts.status).toBe(200)
    expect(alerts.body.disabledEndpoints).toEqual([{ id: endpoint.id, url: receiver.url, disabledReason: '410 Gone' }])
  })

  it('should disable an endpoint after 20 failures in a row, and deliver what is pending once an admin re-enables it', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 500 })
    const endpoint = await createEndpoint(receiver.url)
    expect(webhookSettingsOf(payload).maxConsecutiveFailures).toBe(20)
    await queueInTransaction(Array.from({ length: 20 }, () => reviewChange()))

    const disabled = await waitFor(
      () => readEndpoint(endpoint.id),
      (doc) => doc.enabled === false,
      30_000,
    )
    expect(disabled.enabled, `disabled after ${disabled.consecutiveFailures} failures`).toBe(false)
    // Attempts in flight when the 20th failed count on (and a slow machine may already have retried one).
    expect(disabled.consecutiveFailures).toBeGreaterThanOrEqual(20)
    expect(disabled.disabledReason).toMatch(/^\d+ consecutive failures$/)
    expect(parseInt(disabled.disabledReason!, 10)).toBeGreaterThanOrEqual(20)
    const pending = await deliveriesOf(endpoint.id)
    expect(pending.map((delivery) => delivery.status)).toEqual(Array(20).fill('pending'))

    receiver.answer({ status: 200 })
    const reenabled = await api(`/${ENDPOINTS}/${endpoint.id}`, {
      method: 'PATCH',
      body: { enabled: true },
      user: admin,
    })
    expect(reenabled.status).toBe(200)
    expect(reenabled.body.doc).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null })

    const delivered = await waitFor(
      () => deliveriesOf(endpoint.id),
      (docs) => docs.every((delivery) => delivery.status === 'delivered'),
      30_000,
    )
    expect(delivered.map((delivery) => delivery.status)).toEqual(Array(20).fill('delivered'))
    const okIDs = receiver.received
      .filter((request) => request.status === 200)
      .map((request) => request.headers['webhook-id'])
      .sort()
    expect(okIDs).toEqual(delivered.map((delivery) => delivery.webhookId).sort())
    expect((await readEndpoint(endpoint.id)).consecutiveFailures).toBe(0)
  })

  it('should sign with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    setClock(NOW)
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const rotated = await api(`/${ENDPOINTS}/${endpoint.id}/rotate-secret`, { method: 'POST', user: admin })
    expect(rotated.status).toBe(200)
    const newSecret = rotated.body.secret as string
    expect(newSecret).toMatch(/^whsec_/)
    expect(newSecret).not.toBe(endpoint.secret)
    expect(Date.parse(rotated.body.previousSecretExpiresAt as string) - Date.now()).toBeGreaterThan(
      24 * 3_600_000 - 5_000,
    )
    const read = await api(`/${ENDPOINTS}/${endpoint.id}`, { user: admin })
    expect(read.body.secret).toBe(newSecret)
    expect(read.body).not.toHaveProperty('previousSecret')
    expect(read.body).not.toHaveProperty('previousSecretExpiresAt')

    await queueInTransaction([reviewChange()])
    await waitFor(
      () => receiver.received,
      (received) => received.length === 1,
    )
    const [during] = receiver.received
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verify(newSecret, during)).toMatchObject({ type: 'review.updated' })
    expect(verify(endpoint.secret, during)).toMatchObject({ type: 'review.updated' })

    setClock(new Date(Date.parse(NOW) + 24 * 3_600_000 + 60_000))
    await queueInTransaction([reviewChange()])
    await waitFor(
      () => receiver.received,
      (received) => received.length === 2,
    )
    const after = receiver.received[1]
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1)
    expect(verify(newSecret, after)).toMatchObject({ type: 'review.updated' })
    expect(() => verify(endpoint.secret, after)).toThrow(/signature/)
  })
})

describe('webhook actions', () => {
  it('should send webhook.test from POST /api/webhook-endpoints/:id/test and answer with the logged attempt', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const { status, body } = await api(`/${ENDPOINTS}/${endpoint.id}/test`, { method: 'POST', user: admin })
    expect(status).toBe(200)
    expect(body.delivery).toMatchObject({
      event: 'webhook.test',
      status: 'delivered',
      attempts: [{ statusCode: 200, error: null }],
    })
    expect(receiver.received).toHaveLength(1)
    expect(verify(endpoint.secret, receiver.received[0])).toMatchObject({
      type: 'webhook.test',
      data: { endpoint: endpoint.id },
    })
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1)
    expect((await api(`/${ENDPOINTS}/999999/test`, { method: 'POST', user: admin })).status).toBe(404)
    expect((await api(`/${ENDPOINTS}/not-an-id/test`, { method: 'POST', user: admin })).status).toBe(404)
  })

  it('should resend a delivery with the same webhook-id from POST /api/webhook-deliveries/:id/resend', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])
    const [delivery] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'delivered',
    )
    const { status, body } = await api(`/${DELIVERIES}/${delivery.id}/resend`, { method: 'POST', user: admin })
    expect(status).toBe(200)
    expect(body.delivery).toMatchObject({ id: delivery.id, status: 'delivered', webhookId: delivery.webhookId })
    expect((body.delivery as WebhookDelivery).attempts).toHaveLength(2)
    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([
      delivery.webhookId,
      delivery.webhookId,
    ])
    expect(verify(endpoint.secret, receiver.received[1])).toEqual(delivery.payload)
  })

  it('should send what the deliverWebhooks job finds due (the durable sweep)', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    // Written without the after-commit kick: only a sweep sends it.
    await createDelivery({ payload, endpoint: endpoint.id, body: webhookBody('review.updated', reviewChange()) })
    await payload.jobs.queue({ task: 'deliverWebhooks', queue: 'soundtrack-reviews', input: {} })
    await payload.jobs.run({ queue: 'soundtrack-reviews' })
    const [delivery] = await deliveriesOf(endpoint.id)
    expect(delivery.status).toBe('delivered')
    expect(receiver.received).toHaveLength(1)
  })

  it('should delete deliveries that ended more than keepDays ago from the log, and keep pending ones', async () => {
    setClock(NOW)
    const receiver = await startReceiver()
    receiver.answer({ status: 200 })
    const endpoint = await createEndpoint(receiver.url)
    const sent = await api(`/${ENDPOINTS}/${endpoint.id}/test`, { method: 'POST', user: admin })
    expect(sent.body.delivery).toMatchObject({ status: 'delivered' })
    const waiting = await createDelivery({
      payload,
      endpoint: endpoint.id,
      body: webhookBody('review.updated', reviewChange()),
    })
    const sweep = async () => {
      await payload.jobs.queue({ task: 'deliverWebhooks', queue: 'soundtrack-reviews', input: {} })
      await payload.jobs.run({ queue: 'soundtrack-reviews' })
    }
    // Make the waiting one wait: due only in two months.
    await payload.update({
      collection: DELIVERIES,
      id: waiting,
      data: { nextAttemptAt: new Date(Date.parse(NOW) + 60 * 86_400_000).toISOString() },
      overrideAccess: true,
    })
    expect(webhookSettingsOf(payload).keepDays).toBe(30)
    setClock(new Date(Date.parse(NOW) + 29 * 86_400_000))
    await sweep()
    expect((await deliveriesOf(endpoint.id)).map(({ status }) => status).sort()).toEqual(['delivered', 'pending'])
    setClock(new Date(Date.parse(NOW) + 31 * 86_400_000))
    await sweep()
    expect((await deliveriesOf(endpoint.id)).map(({ id, status }) => ({ id, status }))).toEqual([
      { id: waiting, status: 'pending' },
    ])
  })
})

describe('schedule.missed', () => {
  afterEach(() => resetSchedule(payload))

  it('should report a queued review still unpublished 5 minutes after its slot once, and show it to admins', async () => {
    setClock(NOW)
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url, { events: ['schedule.missed'] })
    const review = await draftReview(payload, { film, label: 'Missed' })
    await payload.updateGlobal({
      slug: SCHEDULE,
      data: { ...FRIDAYS_IN_NEW_YORK, queue: [review] },
      depth: 0,
      overrideAccess: true,
    })

    setClock(new Date(Date.parse(S1) + 4 * 60_000))
    expect(await reportMissedSlots({ payload })).toBe(0)

    setClock(new Date(Date.parse(S1) + 6 * 60_000))
    expect(await reportMissedSlots({ payload })).toBe(1)
    await deliverDueWebhooks(payload)
    expect(await reportMissedSlots({ payload })).toBe(0)

    expect(receiver.received).toHaveLength(1)
    const body = verify((await readEndpoint(endpoint.id)).secret, receiver.received[0])
    expect(body).toMatchObject({
      type: 'schedule.missed',
      data: { id: review, scheduledFor: S1, url: expect.stringMatching(/\/reviews\//) },
      tags: [],
      urls: [],
    })

    const alerts = await api(`/${ENDPOINTS}/alerts`, { user: admin })
    expect(alerts.body.missedSlots).toEqual([{ review: expect.objectContaining({ id: review }), slot: S1 }])
  })
})

describe('who may see and change webhooks', () => {
  it('should refuse editors and anonymous visitors both collections and every action, and show them no secret', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const { id: delivery } = (await api(`/${ENDPOINTS}/${endpoint.id}/test`, { method: 'POST', user: admin })).body
      .delivery as { id: ID }
    for (const user of [editor, undefined]) {
      const who = user ? 'editor' : 'anonymous'
      const refusals = [
        await api(`/${ENDPOINTS}`, { user }),
        await api(`/${ENDPOINTS}/${endpoint.id}`, { user }),
        await api(`/${ENDPOINTS}`, { method: 'POST', body: { url: receiver.url }, user }),
        await api(`/${ENDPOINTS}/${endpoint.id}`, { method: 'PATCH', body: { enabled: false }, user }),
        await api(`/${ENDPOINTS}/${endpoint.id}`, { method: 'DELETE', user }),
        await api(`/${ENDPOINTS}/${endpoint.id}/test`, { method: 'POST', user }),
        await api(`/${ENDPOINTS}/${endpoint.id}/rotate-secret`, { method: 'POST', user }),
        await api(`/${ENDPOINTS}/alerts`, { user }),
        await api(`/${DELIVERIES}`, { user }),
        await api(`/${DELIVERIES}/${delivery}`, { user }),
        await api(`/${DELIVERIES}/${delivery}/resend`, { method: 'POST', user }),
      ]
      for (const refusal of refusals) {
        expect([401, 403], `${who}: ${JSON.stringify(refusal.body)}`).toContain(refusal.status)
        expect(JSON.stringify(refusal.body)).not.toMatch(/whsec_|127\.0\.0\.1/)
      }
      expect(refusals.filter((refusal) => refusal.status === 401).length).toBe(user ? 0 : 4)
    }
    expect(receiver.received).toHaveLength(1)
    expect(await readEndpoint(endpoint.id)).toMatchObject({ enabled: true, secret: endpoint.secret })

    const graphQL = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, editor)) },
      body: JSON.stringify({ query: '{ WebhookEndpoints { docs { url secret } } }' }),
    })
    expect(await graphQL.text()).not.toMatch(/whsec_/)
  })

  it('should let an admin read the secret but not write it, and write no delivery through the API', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url, { secret: 'whsec_chosen', consecutiveFailures: 7 })
    expect(endpoint.secret).toMatch(/^whsec_/)
    expect(endpoint.secret).not.toBe('whsec_chosen')
    expect(endpoint).toMatchObject({ consecutiveFailures: 0 })

    const updated = await api(`/${ENDPOINTS}/${endpoint.id}`, {
      method: 'PATCH',
      body: { secret: 'whsec_chosen', description: 'Frontend' },
      user: admin,
    })
    expect(updated.status).toBe(200)
    expect(updated.body.doc).toMatchObject({ secret: endpoint.secret, description: 'Frontend' })

    const { id: delivery } = (await api(`/${ENDPOINTS}/${endpoint.id}/test`, { method: 'POST', user: admin })).body
      .delivery as { id: ID }
    const read = await api(`/${DELIVERIES}/${delivery}`, { user: admin })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ event: 'webhook.test', status: 'delivered' })
    expect(read.body).not.toHaveProperty('claimedUntil')
    const create = await api(`/${DELIVERIES}`, {
      method: 'POST',
      body: { endpoint: endpoint.id, event: 'webhook.test', webhookId: 'msg_x', payload: {}, status: 'pending' },
      user: admin,
    })
    expect(create.status).toBe(403)
    expect(
      (await api(`/${DELIVERIES}/${delivery}`, { method: 'PATCH', body: { status: 'failed' }, user: admin })).status,
    ).toBe(403)
    expect((await api(`/${DELIVERIES}/${delivery}`, { method: 'DELETE', user: admin })).status).toBe(403)
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1)
  })

  it.each(
    [
      'http://169.254.169.254/',
      'http://2852039166/',
      'http://[::ffff:a9fe:a9fe]/',
      'ftp://x',
      'http://10.0.0.1/',
      'https://hooks.example.com/re\nvalidate',
      'https://hooks.example.com:0/',
      'http://[2002:a9fe:a9fe::]/',
      `https://hooks.example.com/${'a'.repeat(2100)}`,
    ].map((url) => [url.length > 80 ? `${url.slice(0, 40)}… (${url.length} characters)` : JSON.stringify(url), url]),
  )('should refuse %s with a 400 naming url, and write nothing', async (_label, url) => {
    const receiver = await startReceiver()
    const existing = await createEndpoint(receiver.url)
    // The app allows private networks outside production; this checks the production rule.
    const settings = webhookSettingsOf(payload)
    settings.allowPrivateNetworks = false
    try {
      const before = await payload.count({ collection: ENDPOINTS, overrideAccess: true })
      const created = await api(`/${ENDPOINTS}`, { method: 'POST', body: { url }, user: admin })
      expect(created.status).toBe(400)
      expect(fieldErrorsOf(created.body).map((error) => error.path)).toEqual(['url'])
      expect(await payload.count({ collection: ENDPOINTS, overrideAccess: true })).toEqual(before)

      const changed = await api(`/${ENDPOINTS}/${existing.id}`, {
        method: 'PATCH',
        body: { url, description: 'Changed' },
        user: admin,
      })
      expect(changed.status).toBe(400)
      expect(fieldErrorsOf(changed.body).map((error) => error.path)).toEqual(['url'])
      expect(await readEndpoint(existing.id)).toMatchObject({ url: receiver.url, description: null })
    } finally {
      settings.allowPrivateNetworks = true
    }
  })

  it('should refuse events given as one name instead of a list with a 400 naming events', async () => {
    const before = await payload.count({ collection: ENDPOINTS, overrideAccess: true })
    const created = await api(`/${ENDPOINTS}`, {
      method: 'POST',
      body: { url: 'https://93.184.216.34/hook', events: 'review.published' },
      user: admin,
    })
    expect(created.status).toBe(400)
    expect(fieldErrorsOf(created.body)).toEqual([
      expect.objectContaining({ path: 'events', message: expect.stringMatching(/list/) }),
    ])
    expect(await payload.count({ collection: ENDPOINTS, overrideAccess: true })).toEqual(before)
  })
})

describe('end to end through the change feed', () => {
  // Endpoints first: the reset deletes reviews and saves the schedule, which are events too.
  afterEach(async () => {
    await payload.delete({ collection: ENDPOINTS, where: { id: { exists: true } }, overrideAccess: true })
    await resetSchedule(payload)
  })

  type Body = { type: string; data: Record<string, unknown>; tags: string[]; urls: string[] }

  /** Waits for `count` requests and a little more (a repeat would show), then verifies those from `from` on. */
  const receivedOf = async (receiver: Receiver, secret: string, count: number, from = 0): Promise<Body[]> => {
    await waitFor(
      () => receiver.received,
      (received) => received.length >= count,
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    return receiver.received.slice(from).map((request) => verify(secret, request) as Body)
  }

  it('should send exactly one review.published when an admin publishes over REST, readable by slug on receipt', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const title = uniqueTitle('Published end to end')
    const headers = { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) }
    const response = await fetch(`${server.url}/api/reviews`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title, film, _status: 'published' }),
    })
    // The write has committed once it is answered; the first attempt may even arrive before the answer.
    const answeredAt = Date.now()
    expect(response.status).toBe(201)
    const review = ((await response.json()) as { doc: { id: ID; slug: string } }).doc
    await waitFor(
      () => receiver.received,
      (received) => received.length >= 1,
    )
    const bySlugOnReceipt = await fetch(`${server.url}/api/reviews/by-slug/${review.slug}`)
    expect(receiver.received[0].at - answeredAt).toBeLessThan(1_000)
    expect(bySlugOnReceipt.status).toBe(200)
    expect(((await bySlugOnReceipt.json()) as { title: string }).title).toBe(title)

    const bodies = await receivedOf(receiver, endpoint.secret, 1)
    expect(bodies.map((body) => body.type)).toEqual(['review.published'])
    expect(bodies[0].data).toMatchObject({
      id: review.id,
      slug: review.slug,
      title,
      url: expect.stringContaining(`/reviews/${review.slug}`),
      publishedAt: expect.any(String),
    })
    expect(bodies[0].tags.length).toBeGreaterThan(0)
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1)
  })

  it('should send nothing for a draft save, and review.updated for a published edit', async () => {
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url)
    const created = await api('/reviews', {
      method: 'POST',
      body: { title: uniqueTitle('Edited end to end'), film, _status: 'published' },
      user: admin,
    })
    const review = created.body.doc as { id: ID }
    await receivedOf(receiver, endpoint.secret, 1)

    const draft = await api(`/reviews/${review.id}?draft=true`, {
      method: 'PATCH',
      body: { excerpt: 'Draft only' },
      user: editor,
    })
    expect(draft.status).toBe(200)
    const edited = await api(`/reviews/${review.id}`, {
      method: 'PATCH',
      body: { excerpt: 'Published text', _status: 'published' },
      user: admin,
    })
    expect(edited.status).toBe(200)
    const bodies = await receivedOf(receiver, endpoint.secret, 2)
    expect(bodies.map((body) => body.type)).toEqual(['review.published', 'review.updated'])
  })

  it('should send review.published with scheduledFor when the job publishes at the slot, and schedule.changed when the schedule is saved', async () => {
    setClock(NOW)
    const receiver = await startReceiver()
    const endpoint = await createEndpoint(receiver.url, { events: ['review.published', 'schedule.changed'] })
    const review = await draftReview(payload, { film, label: 'Scheduled end to end' })
    await payload.updateGlobal({
      slug: SCHEDULE,
      data: { ...FRIDAYS_IN_NEW_YORK, queue: [review] },
      depth: 0,
      overrideAccess: true,
    })
    const changed = await receivedOf(receiver, endpoint.secret, 1)
    expect(changed.map((body) => body.type)).toContain('schedule.changed')

    setClock(new Date(Date.parse(S1) + 30_000))
    await payload.jobs.queue({ task: 'publishDueReviews', queue: 'soundtrack-reviews', input: {} })
    await payload.jobs.run({ queue: 'soundtrack-reviews' })
    const published = await receivedOf(receiver, endpoint.secret, changed.length + 1, changed.length)
    expect(published.map((body) => body.type)).toEqual(['review.published'])
    expect(published[0].data).toMatchObject({ id: review, scheduledFor: S1 })
  })
})

describe('the url refusal', () => {
  it("should be worded in the request's language", async () => {
    const refusal = async (headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/api/${ENDPOINTS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)), ...headers },
        body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data' }),
      })
      expect(response.status).toBe(400)
      return fieldErrorsOf((await response.json()) as Record<string, unknown>).find((error) => error.path === 'url')
        ?.message
    }
    expect(await refusal({})).toBe(
      '169.254.169.254 is (or resolves to) a private, loopback, link-local or cloud metadata address, which webhooks may not reach.',
    )
    expect(await refusal({ 'accept-language': 'de' })).toMatch(/^169\.254\.169\.254 ist .*Cloud-Metadaten-Adresse/)
    expect(await refusal({ 'accept-language': 'fr' })).toMatch(/^169\.254\.169\.254 est .*métadonnées cloud/)
  })
})

describe('webhooks across restarts and instances', () => {
  it('should send a delivery left pending between attempts from the next server on the same database', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 503 }, { status: 200 })
    const endpoint = await createEndpoint(receiver.url)
    await queueInTransaction([reviewChange()])
    const [pending] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.attempts?.length === 1,
    )
    expect(pending.status).toBe('pending')

    // The stop: this instance's retry timer dies with it.
    await server.close()
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(receiver.received).toHaveLength(1)

    server = await restartServer()
    payload = server.payload
    await Promise.all(payload.crons.splice(0).map((cron) => cron.stop()))
    const [delivered] = await waitFor(
      () => deliveriesOf(endpoint.id),
      ([first]) => first?.status === 'delivered',
    )
    expect(delivered.attempts?.map((attempt) => attempt.statusCode)).toEqual([503, 200])
    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([
      pending.webhookId,
      pending.webhookId,
    ])
  })

  it('should send each due delivery once while two instances sweep the same database at the same time', async () => {
    const receiver = await startReceiver()
    receiver.answer({ status: 200, delayMs: 30 })
    const endpoint = await createEndpoint(receiver.url)
    const count = 30
    for (let index = 0; index < count; index++) {
      await createDelivery({ payload, endpoint: endpoint.id, body: webhookBody('review.updated', reviewChange()) })
    }
    const other = await getPayload({ config: payload.config, key: 'webhooks-second-instance' })
    try {
      await Promise.all([
        deliverDueWebhooks(payload),
        deliverDueWebhooks(other),
        deliverDueWebhooks(payload),
        deliverDueWebhooks(other),
      ])
    } finally {
      await other.destroy()
    }
    // Two SQLite connections to one file may refuse a claim as busy: such a delivery waits for the next sweep.
    await deliverDueWebhooks(payload)
    const deliveries = await deliveriesOf(endpoint.id)
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(count).fill('delivered'))
    expect(deliveries.every((delivery) => delivery.attempts?.length === 1)).toBe(true)
    const ids = receiver.received.map((request) => request.headers['webhook-id'])
    expect(ids).toHaveLength(count)
    expect(new Set(ids).size).toBe(count)
  })
})

/** A new server over the same database, as after a restart: a fresh Payload instance that has claimed nothing yet. */
const restartServer = async (): Promise<RunningServer> => {
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default')
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('payload-soundtrack-reviews.jobRunner')]
  const { default: config } = await import('../cms/payload.config')
  const { startServer } = await import('../cms/server')
  return startServer({ config, port: 0, admin: false })
}
