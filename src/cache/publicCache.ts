import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { executeAuthStrategies, headersWithCors } from 'payload'

import { etagOf, isNotModified } from '../feeds/conditionalGet.js'
import { cacheLimitsOf, slugsOf } from '../settings.js'
import { readContentVersion } from './contentVersion.js'

/** How long browsers and CDNs may keep a public response, and serve it stale while they revalidate. */
export type CachePolicy = { maxAge: number; staleWhileRevalidate: number }

export const CONTENT_POLICY: CachePolicy = { maxAge: 60, staleWhileRevalidate: 60 }
/** Kept for hosts that name it: the schedule now shares the content policy, and expires at its next slot (Expires). */
export const SCHEDULE_POLICY: CachePolicy = CONTENT_POLICY

type Entry = {
  body: string
  headers: [string, string][]
  etag: string
  lastModified: Date | null
  /** From the response's own `Expires` (the schedule's next slot): kept no later than that. */
  expiresAt: number
  bytes: number
}
type Store = { version: string; entries: Map<string, Entry>; bytes: number }

/** Per-process bound besides the bytes: the least recently served response goes first. */
const MAX_ENTRIES = 1_000

const stores = new WeakMap<Payload, Store>()

/** Headers that belong to one request, not to the cached bytes. */
const PER_REQUEST = /^(access-control-|vary$|cache-control$|etag$|x-cache$|set-cookie$|content-length$)/i

/** Removed before a cacheable response is produced: it is computed for nobody in particular. */
const CREDENTIALS_AND_CONDITIONALS = ['authorization', 'cookie', 'if-none-match', 'if-modified-since']

const storeFor = (payload: Payload, version: string): Store => {
  const current = stores.get(payload)
  if (current?.version === version) {
    return current
  }
  const fresh: Store = { version, entries: new Map(), bytes: 0 }
  stores.set(payload, fresh)
  return fresh
}

const forget = (store: Store, key: string) => {
  store.bytes -= store.entries.get(key)?.bytes ?? 0
  store.entries.delete(key)
}

/** Keeps `entry` as the most recently served, within the configured bytes; a larger one is not kept. */
const remember = (payload: Payload, store: Store, key: string, entry: Entry) => {
  const { maxBytes, maxEntryBytes } = cacheLimitsOf(payload)
  forget(store, key)
  if (entry.bytes > maxEntryBytes || entry.bytes > maxBytes) {
    return
  }
  store.entries.set(key, entry)
  store.bytes += entry.bytes
  while (store.bytes > maxBytes || store.entries.size > MAX_ENTRIES) {
    forget(store, store.entries.keys().next().value as string)
  }
}

/** What an entry holds in memory, near enough: its key, body and headers as UTF-8. */
const sizeOf = (key: string, body: string, headers: [string, string][]): number =>
  Buffer.byteLength(key) + Buffer.byteLength(body) + headers.reduce((sum, [n, v]) => sum + n.length + v.length, 0)

const cacheable = (headers: Headers): Headers => {
  const copy = new Headers(headers)
  CREDENTIALS_AND_CONDITIONALS.forEach((name) => copy.delete(name))
  return copy
}

/** Anonymous is what Payload's own auth strategies decide for these headers (cookie, JWT, API key, a site's own). */
const isAnonymousTo = async (payload: Payload, headers: Headers): Promise<boolean> =>
  !(await executeAuthStrategies({ headers, payload, canSetHeaders: false })).user

const uncached = async (response: Response): Promise<Response> => {
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', 'private, no-store')
  return new Response(response.body, { status: response.status, headers })
}

type ServePublicArgs = {
  payload: Payload
  request: { url: string; method: string; headers: Headers }
  isAnonymous: boolean
  policy: CachePolicy
  /**
   * Computes the response: for a signed-in request with its headers as sent; for a cacheable one
   * (on a miss only) without its credentials and conditional headers.
   */
  produce: (headers: Headers) => Promise<Response>
  /** Adds per-request headers (CORS) to what is sent. */
  finish?: (headers: Headers) => Headers
}

/**
 * Anonymous GETs of published content, answered from this process's memory while the content
 * version (one key-value read per request) is unchanged; `ETag`/`304` and a CDN-friendly
 * `Cache-Control`. Signed-in and `draft=true` requests always run `produce` and are marked
 * `private, no-store`.
 */
const servePublic = async ({
  payload,
  request,
  isAnonymous,
  policy,
  produce,
  finish = (headers) => headers,
}: ServePublicArgs): Promise<Response> => {
  const url = new URL(request.url)
  if (request.method !== 'GET' || !isAnonymous || url.searchParams.get('draft') === 'true') {
    return uncached(await produce(request.headers))
  }
  // A version that cannot be read (the database away) is no version: answer afresh, as Payload does.
  const version = await readContentVersion(payload).catch(() => null)
  if (version === null) {
    return uncached(await produce(cacheable(request.headers)))
  }
  const store = storeFor(payload, version)
  const key = `${url.pathname}${url.search}|${request.headers.get('origin') ?? ''}`
  const now = Date.now()
  let entry = store.entries.get(key)
  if (entry && entry.expiresAt <= now) {
    forget(store, key)
    entry = undefined
  }
  const isHit = entry !== undefined
  if (!entry) {
    const response = await produce(cacheable(request.headers))
    if (response.status !== 200) {
      return response
    }
    const body = await response.text()
    const lastModified = response.headers.get('last-modified')
    const expires = Date.parse(response.headers.get('expires') ?? '')
    const kept = [...response.headers].filter(([name]) => !PER_REQUEST.test(name))
    entry = {
      body,
      headers: kept,
      etag: response.headers.get('etag') ?? etagOf(body),
      lastModified: lastModified ? new Date(lastModified) : null,
      expiresAt: Number.isNaN(expires) ? Infinity : expires,
      bytes: sizeOf(key, body, kept),
    }
  }
  remember(payload, store, key, entry)
  const headers = finish(new Headers(entry.headers))
  headers.set('ETag', entry.etag)
  const secondsLeft = Math.max(0, Math.floor((entry.expiresAt - now) / 1000))
  headers.set(
    'Cache-Control',
    secondsLeft < policy.maxAge
      ? `public, max-age=${secondsLeft}`
      : `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`,
  )
  headers.set('Vary', 'Authorization, Cookie, Origin')
  headers.set('X-Cache', isHit ? 'hit' : 'miss')
  if (isNotModified({ headers: request.headers, etag: entry.etag, lastModified: entry.lastModified })) {
    return new Response(null, { status: 304, headers })
  }
  return new Response(entry.body, { status: 200, headers })
}

/** A plugin endpoint whose anonymous GETs go through the public cache, in any host. */
export const cachedEndpoint = (endpoint: Endpoint, policy: CachePolicy = CONTENT_POLICY): Endpoint => ({
  ...endpoint,
  handler: (req) =>
    servePublic({
      payload: req.payload,
      request: { url: req.url ?? '', method: req.method ?? 'GET', headers: req.headers },
      isAnonymous: !req.user,
      policy,
      produce: async (headers) => endpoint.handler({ ...req, headers } as PayloadRequest),
      finish: (headers) => headersWithCors({ headers, req }),
    }),
})

/**
 * For a host's own REST route (our express app): anonymous GETs of the plugin's public collections
 * (`/api/reviews`, `/api/reviews/:id`, films, tracks, composers, and the endpoints on them) and of
 * its feeds and schedule, answered from the cache before Payload's request handling runs at all.
 */
export const cachedRestRead = async ({
  payload,
  request,
  produce,
}: {
  payload: Payload
  request: Request
  /** Runs Payload's own handling of `request` (or of the cacheable copy the cache hands it). */
  produce: (request: Request) => Promise<Response>
}): Promise<Response> => {
  const [first] = new URL(request.url).pathname.slice(payload.config.routes.api.length).split('/').filter(Boolean)
  const { films, tracks, composers, reviews } = slugsOf(payload)
  const isPublic = [films, tracks, composers, reviews, 'feeds', 'schedule', 'schedule.ics'].includes(first)
  if (request.method !== 'GET' || !isPublic) {
    return produce(request)
  }
  return servePublic({
    payload,
    request,
    isAnonymous: await isAnonymousTo(payload, request.headers),
    policy: CONTENT_POLICY,
    produce: (headers) => produce(new Request(request, { headers })),
    finish: (headers) => headersWithCors({ headers, req: { payload, headers: request.headers } as PayloadRequest }),
  })
}
