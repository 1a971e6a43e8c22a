import type { IncomingMessage, Server } from 'node:http'
import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { StaticSiteReceiver } from '../examples/static-site-receiver'
import type { TestUser } from './helpers'

import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { createRevalidateHandler } from '../examples/next-revalidate-route'
import { startStaticSiteReceiver } from '../examples/static-site-receiver'
import { loginHeaders, startStaffServer, uniqueTitle } from './helpers'

/*
 * The two receivers of examples/ against the running CMS (real Payload on SQLite, real express, real
 * webhook deliveries): the static-site receiver rebuilds only the changed pages; the Next.js route
 * handler expires the delivery's tags. Both verify with the `standardwebhooks` package.
 */

type Endpoint = { id: number | string; url: string; secret: string }
type Delivery = { type: string; data: { id: number | string; slug: string; title: string }; tags: string[] }
type DeliveryRecord = {
  id: number | string
  event: string
  webhookId: string
  status: string
  /** Written in the edit's transaction, just before it commits. */
  createdAt: string
  attempts: { statusCode?: null | number }[]
}
type NextCall = { tag: string; profile: { expire: number } }
type NextReceipt = { at: number; status: number; delivery: Delivery; answer: unknown; bySlugTitle?: string }

let server: RunningServer
let payload: Payload
let admin: TestUser
let adminHeaders: Record<string, string>
let outDir: string
let receiver: StaticSiteReceiver
let staticEndpoint: Endpoint
let nextEndpoint: Endpoint
let nextServer: Server
const nextCalls: NextCall[] = []
const nextReceipts: NextReceipt[] = []
/** The published demo review (Fallout) the tests edit, and one unrelated published review. */
let edited: { id: number | string; slug: string }
let other: { id: number | string; slug: string }

const waitFor = async <T>(read: () => T, isDone: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (isDone(value) || Date.now() > deadline) {
      return value
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const api = async (
  pathAndQuery: string,
  { method = 'GET', body }: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(`${server.url}/api${pathAndQuery}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...adminHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> }
}

/** An endpoint created over REST by the admin; the answer carries its generated secret. */
const createEndpoint = async (url: string, description: string): Promise<Endpoint> => {
  const { status, body } = await api('/webhook-endpoints', { method: 'POST', body: { url, description } })
  expect(status, JSON.stringify(body)).toBe(201)
  const doc = body.doc as Endpoint
  expect(doc.secret).toMatch(/^whsec_/)
  return doc
}

const deliveriesOf = async (endpoint: Endpoint): Promise<DeliveryRecord[]> => {
  const { status, body } = await api(
    `/webhook-deliveries?where[endpoint][equals]=${endpoint.id}&sort=createdAt&depth=0&limit=0`,
  )
  expect(status).toBe(200)
  return body.docs as DeliveryRecord[]
}

/** A port nothing listens on now (the static receiver's endpoint is registered before it listens). */
const freePort = async (): Promise<number> => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return typeof address === 'object' && address ? address.port : 0
}

const mtimes = (): Record<string, number> => {
  const times: Record<string, number> = {}
  for (const folder of ['', 'reviews', 'composers']) {
    for (const name of readdirSync(path.join(outDir, folder)).filter((each) => each.endsWith('.html'))) {
      times[path.posix.join(folder, name)] = statSync(path.join(outDir, folder, name)).mtimeMs
    }
  }
  return times
}

const readPage = (file: string): string => readFileSync(path.join(outDir, file), 'utf8')

const rebuildsOf = (type: string) => receiver.rebuilds.filter((rebuild) => rebuild.type === type)

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })

/** The Next handler behind node:http, as a Next app would run it: a fetch Request in, a Response out. */
const startNextAdapter = async (handle: () => (request: Request) => Promise<Response>): Promise<Server> => {
  const http = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming)
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') {
        headers.set(name, value)
      }
    }
    const response = await handle()(
      new Request(`http://127.0.0.1${incoming.url}`, { method: incoming.method, headers, body: new Uint8Array(body) }),
    )
    const answer = await response.json()
    outgoing.writeHead(response.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    const delivery = JSON.parse(body.toString('utf8')) as Delivery
    const receipt: NextReceipt = { at: Date.now(), status: response.status, delivery, answer }
    if (response.status === 200 && delivery.data.slug) {
      // What the frontend's next request reads once the tags have expired.
      const page = await fetch(`${server.url}/api/reviews/by-slug/${encodeURIComponent(delivery.data.slug)}`)
      receipt.bySlugTitle = page.ok ? ((await page.json()) as { title: string }).title : `HTTP ${page.status}`
    }
    nextReceipts.push(receipt)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return http
}

const portOf = (http: Server): number => {
  const address = http.address()
  return typeof address === 'object' && address ? address.port : 0
}

const signed = (secret: string, body: string, id = `msg_${randomBytes(12).toString('hex')}`) => {
  const at = new Date()
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  }
}

const otherSecret = () => `whsec_${randomBytes(32).toString('base64')}`

beforeAll(async () => {
  ;({ server, payload, admin } = await startStaffServer('example_receivers'))
  adminHeaders = await loginHeaders(server.url, admin)
  await seedDemo({ payload })
  const { docs } = await payload.find({ collection: 'reviews', depth: 0, pagination: false, overrideAccess: true })
  const fallout = docs.find((doc) => doc._status === 'published')!
  edited = { id: fallout.id, slug: String(fallout.slug) }
  // A second published review that shares nothing with the first (no film, composer or relation).
  const film = await payload.create({
    collection: 'films',
    data: { title: uniqueTitle('Heat'), releaseYear: 1995 },
    overrideAccess: true,
  })
  const review = await payload.create({
    collection: 'reviews',
    data: { title: uniqueTitle('Heat, scored'), film: film.id, _status: 'published' },
    overrideAccess: true,
  })
  other = { id: review.id, slug: String(review.slug) }

  outDir = mkdtempSync(path.join(tmpdir(), 'soundtrack-receiver-'))
  const port = await freePort()
  staticEndpoint = await createEndpoint(`http://127.0.0.1:${port}/`, 'The static site')
  receiver = await startStaticSiteReceiver({
    port,
    secret: staticEndpoint.secret,
    apiURL: `${server.url}/api`,
    outDir,
  })

  let handler: (request: Request) => Promise<Response> = async () => new Response('{}', { status: 503 })
  nextServer = await startNextAdapter(() => handler)
  nextEndpoint = await createEndpoint(`http://127.0.0.1:${portOf(nextServer)}/api/soundtrack-webhook`, 'Next')
  handler = createRevalidateHandler({
    secret: nextEndpoint.secret,
    revalidateTag: (tag, profile) => nextCalls.push({ tag, profile }),
  })
})

afterAll(async () => {
  await receiver?.close()
  if (nextServer) {
    nextServer.closeAllConnections()
    await new Promise<void>((resolve) => nextServer.close(() => resolve()))
  }
  await server?.close()
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true })
  }
})

describe('the static-site receiver (examples/static-site-receiver.ts)', () => {
  it('should build the whole site at start', () => {
    expect(receiver.initialBuild.files).toEqual(
      expect.arrayContaining(['index.html', `reviews/${edited.slug}.html`, `reviews/${other.slug}.html`]),
    )
    expect(receiver.initialBuild.files.some((file) => file.startsWith('composers/'))).toBe(true)
  })

  it('should rebuild only the edited review’s page (and the listings) when an admin edits its title, with the new title read on receipt', async () => {
    const before = mtimes()
    const title = uniqueTitle('Fallout, retitled')
    const sentAt = Date.now()
    const { status } = await api(`/reviews/${edited.id}`, { method: 'PATCH', body: { title } })
    const answeredAt = Date.now()
    expect(status).toBe(200)

    await waitFor(
      () => rebuildsOf('review.updated'),
      (rebuilds) => rebuilds.length > 0 && rebuilds.every((rebuild) => rebuild.finishedAt),
    )
    const [rebuild] = rebuildsOf('review.updated')
    expect(rebuild, 'a review.updated delivery rebuilt').toBeDefined()
    expect(rebuild.error).toBeUndefined()
    console.log(
      `static-site receiver: PATCH sent → delivery received ${rebuild.receivedAt - sentAt} ms`,
      `(PATCH answered → received ${rebuild.receivedAt - answeredAt} ms),`,
      `received → pages rebuilt ${rebuild.finishedAt! - rebuild.receivedAt} ms, ${rebuild.requests} requests;`,
      'wrote',
      rebuild.wrote,
    )

    // The page was rebuilt from by-slug upon receipt, and shows the new title.
    expect(rebuild.wrote).toContain(`reviews/${edited.slug}.html`)
    expect(readPage(`reviews/${edited.slug}.html`)).toContain(`<h1>${title}</h1>`)
    expect(rebuild.wrote).toContain('index.html')
    expect(readPage('index.html')).toContain(title)
    // The other review's page was neither fetched nor written.
    expect(rebuild.wrote).not.toContain(`reviews/${other.slug}.html`)
    expect(rebuild.removed).toEqual([])
    // by-slug for the edited review, then the list and the schedule.
    expect(rebuild.requests).toBe(3)
    const after = mtimes()
    expect(after[`reviews/${other.slug}.html`]).toBe(before[`reviews/${other.slug}.html`])
    const unchanged = Object.keys(before).filter((file) => !rebuild.wrote.includes(file))
    expect(unchanged.filter((file) => after[file] !== before[file])).toEqual([])

    // Exactly one review.updated for the static site's endpoint (the Next endpoint's delivery has
    // come by now as well: both were sent after the same commit).
    await waitFor(
      () => nextReceipts,
      (receipts) => receipts.some((receipt) => receipt.delivery.type === 'review.updated'),
    )
    const records = await deliveriesOf(staticEndpoint)
    expect(records.map((delivery) => delivery.event)).toEqual(['review.updated'])
    // The delivery is written in the edit's transaction, just before its commit: from then to receipt
    // bounds commit → received from above (the PATCH itself, on a 26-track review, takes longer).
    const writtenToReceived = rebuild.receivedAt - Date.parse(records[0].createdAt)
    console.log(`static-site receiver: delivery written (in the edit's transaction) → received ${writtenToReceived} ms`)
    expect(writtenToReceived).toBeLessThan(2_000)
    expect(rebuildsOf('review.updated')).toHaveLength(1)
  })

  it('should not rebuild a delivery again when the CMS resends it with the same webhook-id', async () => {
    const [delivery] = await deliveriesOf(staticEndpoint)
    expect(delivery).toMatchObject({ event: 'review.updated', status: 'delivered' })
    const rebuildsBefore = receiver.rebuilds.length
    const before = mtimes()

    const { status, body } = await api(`/webhook-deliveries/${delivery.id}/resend`, { method: 'POST' })
    expect(status, JSON.stringify(body)).toBe(200)
    await waitFor(
      () => receiver.duplicates,
      (duplicates) => duplicates.includes(delivery.webhookId),
    )
    expect(receiver.duplicates).toContain(delivery.webhookId)
    await receiver.idle()
    expect(receiver.rebuilds).toHaveLength(rebuildsBefore)
    expect(mtimes()).toEqual(before)
    const [resent] = await deliveriesOf(staticEndpoint)
    expect(resent.webhookId).toBe(delivery.webhookId)
    expect(resent.attempts.map((attempt) => attempt.statusCode)).toEqual([202, 200])
  })

  it('should answer 401 and rebuild nothing for a forged or altered delivery', async () => {
    const rebuildsBefore = receiver.rebuilds.length
    const before = mtimes()
    const body = JSON.stringify({
      type: 'review.deleted',
      timestamp: new Date().toISOString(),
      data: { id: other.id, slug: other.slug, url: '', title: 'Forged' },
      tags: [`review:${other.id}`, `review:slug:${other.slug}`, 'reviews', 'feeds'],
      urls: [],
    })
    const post = (headers: Record<string, string>, payloadBody = body) =>
      fetch(receiver.url, { method: 'POST', headers, body: payloadBody })

    // Signed with another secret.
    expect((await post(signed(otherSecret(), body))).status).toBe(401)
    // Signed with the endpoint's secret, then altered.
    expect((await post(signed(staticEndpoint.secret, body), body.replace('Forged', 'Altered'))).status).toBe(401)
    // No signature at all.
    expect((await post({ 'content-type': 'application/json' })).status).toBe(401)
    // A valid signature from an hour ago (a replay) is refused by the verifier's timestamp check.
    const id = 'msg_replayed'
    const old = new Date(Date.now() - 60 * 60 * 1000)
    const replay = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(old.getTime() / 1000)),
      'webhook-signature': new Webhook(staticEndpoint.secret).sign(id, old, body),
    }
    expect((await post(replay)).status).toBe(401)

    await receiver.idle()
    expect(receiver.rebuilds).toHaveLength(rebuildsBefore)
    expect(existsSync(path.join(outDir, 'reviews', `${other.slug}.html`))).toBe(true)
    expect(mtimes()).toEqual(before)
  })

  it('should remove the page when the review is unpublished, and drop it from the listings', async () => {
    const before = mtimes()
    const file = `reviews/${edited.slug}.html`
    expect(existsSync(path.join(outDir, file))).toBe(true)
    const { status, body } = await api(`/reviews/${edited.id}`, { method: 'PATCH', body: { _status: 'draft' } })
    expect(status, JSON.stringify(body)).toBe(200)

    await waitFor(
      () => rebuildsOf('review.unpublished'),
      (rebuilds) => rebuilds.length > 0 && rebuilds.every((rebuild) => rebuild.finishedAt),
    )
    const [rebuild] = rebuildsOf('review.unpublished')
    expect(rebuild, 'a review.unpublished delivery rebuilt').toBeDefined()
    expect(rebuild.error).toBeUndefined()
    expect(rebuild.removed).toContain(file)
    expect(existsSync(path.join(outDir, file))).toBe(false)
    expect(readPage('index.html')).not.toContain(`reviews/${edited.slug}.html`)
    expect(readPage('index.html')).toContain(`reviews/${other.slug}.html`)
    // Fallout's composers score no other published review: their pages go with it.
    expect(rebuild.removed.some((each) => each.startsWith('composers/'))).toBe(true)
    expect(readdirSync(path.join(outDir, 'composers'))).toEqual([])
    expect(mtimes()[`reviews/${other.slug}.html`]).toBe(before[`reviews/${other.slug}.html`])
  })
})

describe('the Next.js route handler (examples/next-revalidate-route.ts)', () => {
  it('should expire every tag of a real delivery from the CMS with { expire: 0 } and answer { revalidated }', async () => {
    const receipt = await waitFor(
      () => nextReceipts.find((each) => each.delivery.type === 'review.updated'),
      (found) => found !== undefined,
    )
    expect(receipt, 'the CMS delivered review.updated to the Next handler').toBeDefined()
    const { delivery } = receipt!
    expect(receipt!.status).toBe(200)
    expect(delivery.tags).toEqual(
      expect.arrayContaining([`review:${edited.id}`, `review:slug:${edited.slug}`, 'reviews', 'feeds', 'content']),
    )
    expect(receipt!.answer).toEqual({ revalidated: [...new Set(delivery.tags)] })
    const calls = nextCalls.slice(0, delivery.tags.length)
    expect(calls).toEqual([...new Set(delivery.tags)].map((tag) => ({ tag, profile: { expire: 0 } })))
    // A frontend re-fetching on receipt reads the new title.
    expect(receipt!.bySlugTitle).toBe(delivery.data.title)
    const records = await deliveriesOf(nextEndpoint)
    expect(records[0]).toMatchObject({ event: 'review.updated', status: 'delivered' })
    expect(records[0].attempts.map((attempt) => attempt.statusCode)).toEqual([200])
  })

  it('should answer 401 and expire nothing for a bad signature, 400 for a body without tags, 500 without a secret', async () => {
    const calls: NextCall[] = []
    const secret = nextEndpoint.secret
    const handle = createRevalidateHandler({ secret, revalidateTag: (tag, profile) => calls.push({ tag, profile }) })
    const body = JSON.stringify({
      type: 'review.updated',
      timestamp: new Date().toISOString(),
      data: { id: other.id, slug: other.slug },
      tags: [`review:slug:${other.slug}`, 'reviews'],
      urls: [],
    })
    const request = (headers: Record<string, string>, requestBody = body) =>
      new Request('http://localhost/api/soundtrack-webhook', { method: 'POST', headers, body: requestBody })

    const forged = await handle(request(signed(otherSecret(), body)))
    expect(forged.status).toBe(401)
    expect((await handle(request(signed(secret, body), body.replace('reviews', 'feeds')))).status).toBe(401)
    expect((await handle(request({ 'content-type': 'application/json' }))).status).toBe(401)
    expect(calls).toEqual([])

    const noTags = JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: {} })
    expect((await handle(request(signed(secret, noTags), noTags))).status).toBe(400)
    expect(calls).toEqual([])

    const unconfigured = createRevalidateHandler({ secret: () => undefined, revalidateTag: () => undefined })
    expect((await unconfigured(request(signed(secret, body)))).status).toBe(500)

    const good = await handle(request(signed(secret, body)))
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ revalidated: [`review:slug:${other.slug}`, 'reviews'] })
    expect(calls).toEqual([
      { tag: `review:slug:${other.slug}`, profile: { expire: 0 } },
      { tag: 'reviews', profile: { expire: 0 } },
    ])
  })
})
