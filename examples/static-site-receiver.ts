/*
 * A webhook receiver for the static site of examples/static-site.ts: it builds the whole site once at
 * start, then, for each signed delivery from the CMS, rebuilds only the pages the change touched.
 *
 *   SOUNDTRACK_WEBHOOK_SECRET=whsec_… node scripts/node.mjs examples/static-site-receiver.ts \
 *     http://localhost:3000/api ./site 4000
 *
 * then add `http://<this host>:4000/` as a webhook endpoint in the admin (Webhook endpoints; its
 * secret is the one above). What a delivery rebuilds:
 * - the review pages it names: `data.slug` and every `review:slug:<slug>` tag (a renamed review's old
 *   slug; the published reviews whose "related reviews" show it). A slug the CMS no longer publishes
 *   answers 404 and its page is removed;
 * - `review.unpublished` / `review.deleted`: that review's page is removed without asking;
 * - the index and the composer pages when the tags name `reviews`, `feeds` or `schedule`;
 * - `webhook.test`, `schedule.missed`: nothing.
 *
 * Every delivery is verified with the `standardwebhooks` package (401 otherwise, nothing rebuilt),
 * answered at once (202), and rebuilt in order, one at a time, after the answer. A retried delivery
 * (the same `webhook-id`) is answered 200 and not rebuilt twice. The ids seen are kept in memory: a
 * receiver that restarts builds the whole site again anyway.
 */
import type { IncomingMessage, Server } from 'node:http'

import type { PageChanges, Site, SiteBuild } from './static-site'

import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'
import { Webhook } from 'standardwebhooks'

import { buildListings, buildReviewPage, buildSite, removeReviewPage } from './static-site'

/** The body the CMS sends (CONTRACT.md): `{ type, timestamp, data, tags, urls }`. */
export type Delivery = {
  type: string
  timestamp: string
  data: { id?: number | string; slug?: string; url?: string; title?: string; [key: string]: unknown }
  tags: string[]
  urls: string[]
}

/** What the receiver does for one delivery. */
export type RebuildPlan = {
  /** Review pages to remove without asking the CMS. */
  remove: string[]
  /** Review pages to fetch again (a 404 removes the page). */
  rebuild: string[]
  /** The index and the composer pages. */
  listings: boolean
}

/** One delivery handled: when it came, and what was written and removed (paths relative to `outDir`). */
export type Rebuild = PageChanges & {
  webhookId: string
  type: string
  receivedAt: number
  /** Set once the rebuild has ended (`error` if it failed). */
  finishedAt?: number
  error?: string
}

export type StaticSiteReceiver = {
  /** Where the CMS should post: `http://host:port/`. */
  url: string
  port: number
  /** The full build made at start. */
  initialBuild: SiteBuild
  /** Every delivery handled, oldest first. */
  rebuilds: Rebuild[]
  /** `webhook-id`s received again and not rebuilt. */
  duplicates: string[]
  /** Resolves once every delivery received so far has been rebuilt. */
  idle: () => Promise<void>
  close: () => Promise<void>
}

const SLUG_TAG = 'review:slug:'
const LISTING_TAGS = new Set(['reviews', 'feeds', 'schedule'])
const REMOVING_EVENTS = new Set(['review.unpublished', 'review.deleted'])

/** Deliveries are small (a few KB of tags and URLs); anything much larger is not from the CMS. */
const MAX_BODY_BYTES = 1024 * 1024

/** How many `webhook-id`s are remembered (the oldest are forgotten first). */
const REMEMBERED_IDS = 10_000

/** Which pages a delivery touches, from its event, `data.slug` and its cache tags. */
export const planRebuild = (delivery: Delivery): RebuildPlan => {
  const slug = typeof delivery.data.slug === 'string' && delivery.data.slug ? delivery.data.slug : undefined
  const named = [
    ...new Set([
      ...(slug ? [slug] : []),
      ...delivery.tags.filter((tag) => tag.startsWith(SLUG_TAG)).map((tag) => tag.slice(SLUG_TAG.length)),
    ]),
  ].filter(Boolean)
  const remove = REMOVING_EVENTS.has(delivery.type) && slug ? [slug] : []
  return {
    remove,
    rebuild: named.filter((each) => !remove.includes(each)),
    listings: delivery.tags.some((tag) => LISTING_TAGS.has(tag)),
  }
}

/** Rebuilds what `plan` names, in order: removals, review pages, then the pages that list them. */
export const applyRebuild = async (site: Site, plan: RebuildPlan): Promise<PageChanges> => {
  const changes: PageChanges = { wrote: [], removed: [], requests: 0 }
  const add = (more: PageChanges) => {
    changes.wrote.push(...more.wrote)
    changes.removed.push(...more.removed)
    changes.requests += more.requests
  }
  for (const slug of plan.remove) {
    add(await removeReviewPage(site, slug))
  }
  for (const slug of plan.rebuild) {
    add(await buildReviewPage(site, slug))
  }
  if (plan.listings) {
    add(await buildListings(site))
  }
  return changes
}

const isDelivery = (value: unknown): value is Delivery => {
  const body = value as Partial<Delivery> | null
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof body.type === 'string' &&
    typeof body.data === 'object' &&
    body.data !== null &&
    Array.isArray(body.tags) &&
    body.tags.every((tag) => typeof tag === 'string')
  )
}

/** The raw body (the signature covers its exact bytes), or null past the limit. */
const readBody = (request: IncomingMessage): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })

/** The three Standard Webhooks headers, as the verifier wants them. */
const webhookHeaders = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = request.headers[name]
    if (typeof value === 'string') {
      headers[name] = value
    }
  }
  return headers
}

/**
 * Builds the site from `apiURL` into `outDir`, then listens on `port` (0: any free port) for the CMS's
 * webhooks, signed with `secret` (the endpoint's `whsec_…`).
 */
export const startStaticSiteReceiver = async ({
  port = 0,
  host = '127.0.0.1',
  secret,
  apiURL,
  outDir,
  onRebuild,
}: {
  port?: number
  host?: string
  secret: string
  apiURL: string
  outDir: string
  /** Called after each rebuild (logging). */
  onRebuild?: (rebuild: Rebuild) => void
}): Promise<StaticSiteReceiver> => {
  const webhook = new Webhook(secret)
  const initialBuild = await buildSite({ apiURL, outDir })
  const { site } = initialBuild
  const rebuilds: Rebuild[] = []
  const duplicates: string[] = []
  const seen = new Set<string>()
  let queue: Promise<void> = Promise.resolve()

  const remember = (id: string) => {
    seen.add(id)
    if (seen.size > REMEMBERED_IDS) {
      seen.delete(seen.values().next().value!)
    }
  }

  const rebuild = async (entry: Rebuild, delivery: Delivery) => {
    try {
      Object.assign(entry, await applyRebuild(site, planRebuild(delivery)))
    } catch (error) {
      // Answered already: the CMS will not retry. The next delivery that names these pages (or a
      // restart, which builds everything) repairs them.
      entry.error = error instanceof Error ? error.message : String(error)
      console.error(`static-site-receiver: rebuilding for ${entry.webhookId} (${entry.type}) failed: ${entry.error}`)
    } finally {
      entry.finishedAt = Date.now()
      onRebuild?.(entry)
    }
  }

  const server: Server = createServer(async (request, response) => {
    const answer = (status: number, body: Record<string, unknown>) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    try {
      if (request.method !== 'POST') {
        answer(405, { error: 'POST a webhook delivery here.' })
        return
      }
      const raw = await readBody(request)
      if (raw === null) {
        answer(413, { error: 'The body is too large.' })
        return
      }
      const headers = webhookHeaders(request)
      let delivery: unknown
      try {
        delivery = webhook.verify(raw.toString('utf8'), headers)
      } catch {
        answer(401, { error: 'The webhook signature does not verify.' })
        return
      }
      if (!isDelivery(delivery)) {
        answer(400, { error: 'The body is not a delivery { type, timestamp, data, tags, urls }.' })
        return
      }
      const webhookId = headers['webhook-id']
      if (seen.has(webhookId)) {
        duplicates.push(webhookId)
        answer(200, { duplicate: true })
        return
      }
      remember(webhookId)
      const entry: Rebuild = {
        webhookId,
        type: delivery.type,
        receivedAt: Date.now(),
        wrote: [],
        removed: [],
        requests: 0,
      }
      rebuilds.push(entry)
      queue = queue.then(() => rebuild(entry, delivery))
      answer(202, { accepted: true })
    } catch (error) {
      if (!response.headersSent) {
        answer(500, { error: error instanceof Error ? error.message : String(error) })
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const listening = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${listening}/`,
    port: listening,
    initialBuild,
    rebuilds,
    duplicates,
    idle: async () => {
      // Deliveries that arrive while waiting join the queue; wait until it stops growing.
      for (let current = queue; ; current = queue) {
        await current
        if (current === queue) {
          return
        }
      }
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      await queue
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.SOUNDTRACK_WEBHOOK_SECRET
  if (!secret) {
    console.error('Set SOUNDTRACK_WEBHOOK_SECRET to the webhook endpoint’s secret (whsec_…).')
    process.exit(1)
  }
  const [apiURL = 'http://localhost:3000/api', outDir = 'site', port = '4000'] = process.argv.slice(2)
  const receiver = await startStaticSiteReceiver({
    secret,
    apiURL: apiURL.replace(/\/+$/, ''),
    outDir,
    port: Number(port),
    host: process.env.HOST ?? '127.0.0.1',
    onRebuild: ({ webhookId, type, wrote, removed, requests, error, receivedAt, finishedAt }) =>
      console.log(
        `${webhookId} ${type}: ${error ? `failed: ${error}` : `wrote ${wrote.join(', ') || 'nothing'}; removed ${removed.join(', ') || 'nothing'}`} (${requests} requests, ${(finishedAt ?? Date.now()) - receivedAt} ms)`,
      ),
  })
  console.log(`Built ${receiver.initialBuild.files.length} files into ${outDir}; receiving webhooks at ${receiver.url}`)
}
