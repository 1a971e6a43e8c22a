import type { Endpoint, Payload, PayloadRequest } from 'payload'

import type { TagVersions } from './tagVersions.js'

import { executeAuthStrategies, headersWithCors } from 'payload'

import { TAGS, tagsOfPath } from '../changes/tags.js'
import { etagOf, isNotModified } from '../feeds/conditionalGet.js'
import { cacheLimitsOf } from '../settings.js'
import { readTagVersions } from './tagVersions.js'

/** How long browsers and CDNs may keep a public response, and serve it stale while they revalidate. */
export type CachePolicy = { maxAge: number; staleWhileRevalidate: number }

export const CONTENT_POLICY: CachePolicy = { maxAge: 60, staleWhileRevalidate: 60 }
/** Kept for hosts that name it: the schedule now shares the content policy, and expires at its next slot (Expires). */
export const SCHEDULE_POLICY: CachePolicy = CONTENT_POLICY

type Entry = {
  /** Encoded once: every hit sends these bytes. */
  body: Buffer<ArrayBuffer>
  headers: [string, string][]
  etag: string
  lastModified: Date | null
  /** From the response's own `Expires` (the schedule's next slot): kept no later than that. */
  expiresAt: number
  bytes: number
  /** The versions of the tags it was built from, read before it was computed. */
  versions: TagVersions
}
type Store = { entries: Map<string, Entry>; bytes: number }
/** A response computed for the cache: its body read once, so every request waiting for it gets its own copy. */
type Produced = { status: number; body: string; headers: [string, string][] }

/** Per-process bound besides the bytes: the least recently served response goes first. */
const MAX_ENTRIES = 1_000

const stores = new WeakMap<Payload, Store>()
/** Responses being computed, by key and tag versions: concurrent misses for one URL compute it once. */
const inFlight = new WeakMap<Payload, Map<string, Promise<Produced>>>()

/** Headers that belong to one request, not to the cached bytes. */
const PER_REQUEST = /^(access-control-|vary$|cache-control$|etag$|x-cache$|set-cookie$|content-length$)/i

/** Removed before a cacheable response is produced: it is computed for nobody in particular. */
const CREDENTIALS_AND_CONDITIONALS = ['authorization', 'cookie', 'if-none-match', 'if-modified-since']

const storeFor = (payload: Payload): Store => {
  const store = stores.get(payload) ?? { entries: new Map(), bytes: 0 }
  stores.set(payload, store)
  return store
}

const isCurrent = (entry: Entry, versions: TagVersions, now: number): boolean =>
  entry.expiresAt > now && Object.entries(versions).every(([tag, version]) => entry.versions[tag] === version)

/** Runs `produce` once for everyone asking for `key` at these versions at the same time. */
const produceOnce = (payload: Payload, key: string, produce: () => Promise<Response>): Promise<Produced> => {
  const flights = inFlight.get(payload) ?? new Map<string, Promise<Produced>>()
  inFlight.set(payload, flights)
  const running = flights.get(key)
  if (running) {
    return running
  }
  const flight = (async (): Promise<Produced> => {
    const response = await produce()
    return { status: response.status, body: await response.text(), headers: [...response.headers] }
  })().finally(() => flights.delete(key))
  flights.set(key, flight)
  return flight
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
const sizeOf = (key: string, body: Buffer<ArrayBuffer>, headers: [string, string][]): number =>
  Buffer.byteLength(key) + body.length + headers.reduce((sum, [n, v]) => sum + n.length + v.length, 0)

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
  /** What the response is built from: a change to any of them makes a cached copy stale. */
  tags: string[]
  /**
   * Which layer asks: a host's REST route (`cachedRestRead`) computes a plugin endpoint's response
   * through that endpoint's own cache (`cachedEndpoint`), and must not wait for itself.
   */
  layer: 'endpoint' | 'page' | 'rest'
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
 * Anonymous GETs of published content, answered from this process's memory while the versions of
 * the response's tags are unchanged (one key-value round trip per request, whatever their number);
 * `ETag`/`304` and a CDN-friendly `Cache-Control`. Signed-in and `draft=true` requests always run
 * `produce` and are marked `private, no-store`.
 */
const servePublic = async ({
  payload,
  request,
  tags,
  layer,
  isAnonymous,
  policy,
  produce,
  finish = (headers) => headers,
}: ServePublicArgs): Promise<Response> => {
  const url = new URL(request.url)
  if (request.method !== 'GET' || !isAnonymous || url.searchParams.get('draft') === 'true') {
    return uncached(await produce(request.headers))
  }
  // Versions that cannot be read (the database away) are no versions: answer afresh, as Payload does.
  const versions = await readTagVersions(payload, tags).catch(() => null)
  if (versions === null) {
    return uncached(await produce(cacheable(request.headers)))
  }
  const store = storeFor(payload)
  const key = keyOf(url, request.headers)
  const now = Date.now()
  let entry = store.entries.get(key)
  if (entry && !isCurrent(entry, versions, now)) {
    forget(store, key)
    entry = undefined
  }
  const isHit = entry !== undefined
  if (!entry) {
    const flightKey = `${layer}|${key}|${JSON.stringify(versions)}`
    const { status, body, headers } = await produceOnce(payload, flightKey, () => produce(cacheable(request.headers)))
    if (status !== 200) {
      return new Response(body, { status, headers })
    }
    const found = new Headers(headers)
    const lastModified = found.get('last-modified')
    const expires = Date.parse(found.get('expires') ?? '')
    const kept = headers.filter(([name]) => !PER_REQUEST.test(name))
    // Its own memory (a small Buffer.from would share an 8 KB pool slab and keep it alive).
    const encoded = Buffer.from(new TextEncoder().encode(body).buffer)
    entry = {
      body: encoded,
      headers: kept,
      etag: found.get('etag') ?? etagOf(body),
      lastModified: lastModified ? new Date(lastModified) : null,
      expiresAt: Number.isNaN(expires) ? Infinity : expires,
      bytes: sizeOf(key, encoded, kept),
      versions,
    }
  }
  remember(payload, store, key, entry)
  const answer = answerOf({ entry, isHit, policy, now, requestHeaders: request.headers, finish })
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
}

/** What is sent for an entry: a 304 or its bytes, with the per-request headers (the same for a hit however it is asked for). */
const answerOf = ({
  entry,
  isHit,
  policy,
  now,
  requestHeaders,
  finish,
}: {
  entry: Entry
  isHit: boolean
  policy: CachePolicy
  now: number
  requestHeaders: Headers
  finish: (headers: Headers) => Headers
}): { status: 200 | 304; headers: Headers; body: Buffer<ArrayBuffer> | null } => {
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
  if (isNotModified({ headers: requestHeaders, etag: entry.etag, lastModified: entry.lastModified })) {
    return { status: 304, headers, body: null }
  }
  // What a fetch Response adds for a text body that names no type.
  if (!headers.has('content-type')) {
    headers.set('content-type', 'text/plain;charset=UTF-8')
  }
  return { status: 200, headers, body: entry.body }
}

/** The tags of a path under the API route; what the plugin cannot place depends on any public content. */
const tagsOfRequest = (payload: Payload, url: string): string[] =>
  tagsOfPath(payload, new URL(url, 'http://localhost').pathname) ?? [TAGS.content]

/**
 * A plugin endpoint whose anonymous GETs go through the public cache, in any host. A host's own
 * endpoint names the tags its response is built from (`tags`), or is stale after any public change.
 */
export const cachedEndpoint = (
  endpoint: Endpoint,
  policy: CachePolicy = CONTENT_POLICY,
  tags?: (req: PayloadRequest) => string[],
): Endpoint => ({
  ...endpoint,
  handler: (req) =>
    servePublic({
      payload: req.payload,
      request: { url: req.url ?? '', method: req.method ?? 'GET', headers: req.headers },
      tags: tags ? tags(req) : tagsOfRequest(req.payload, req.url ?? ''),
      layer: 'endpoint',
      isAnonymous: !req.user,
      policy,
      produce: async (headers) => endpoint.handler({ ...req, headers } as PayloadRequest),
      finish: (headers) => headersWithCors({ headers, req }),
    }),
})

/** The key of a response: its path and query, and the Origin it was asked from (CORS headers differ by origin). */
const keyOf = (url: URL, headers: Headers): string => `${url.pathname}${url.search}|${headers.get('origin') ?? ''}`

/** CORS headers as Payload adds them to its REST answers, for the request's Origin. */
const restCors = (payload: Payload, requestHeaders: Headers) => (headers: Headers) =>
  headersWithCors({ headers, req: { payload, headers: requestHeaders } as PayloadRequest })

/** A cached answer as plain data, for a host that writes it to its own response object. */
export type CachedAnswer = { status: 200 | 304; headers: [string, string][]; body: Buffer<ArrayBuffer> | null }

/**
 * The cache hit `cachedRestRead` would answer for this request, or undefined for anything else (not
 * a GET, not public content, `draft=true`, a request Payload's auth strategies find a user for, no
 * current entry). For a host that answers hits before building a fetch `Request`: on undefined it
 * goes on to `cachedRestRead`, which computes, stores or bypasses as before. The status, headers
 * (ETag/304, Cache-Control, Vary, X-Cache, CORS) and bytes are those `cachedRestRead` sends.
 */
export const cachedResponseFor = async ({
  payload,
  method,
  url,
  headers,
}: {
  payload: Payload
  method: string
  /** The absolute URL as the host would give it to `Request`. */
  url: string
  headers: Headers
}): Promise<CachedAnswer | undefined> => {
  if (method !== 'GET') {
    return undefined
  }
  const parsed = new URL(url)
  const store = stores.get(payload)
  const key = keyOf(parsed, headers)
  // Nothing stored under this key: the full path computes it (no auth or version read spent here).
  if (!store?.entries.has(key) || parsed.searchParams.get('draft') === 'true') {
    return undefined
  }
  const tags = tagsOfPath(payload, parsed.pathname)
  if (!tags || !(await isAnonymousTo(payload, headers))) {
    return undefined
  }
  const versions = await readTagVersions(payload, tags).catch(() => null)
  const now = Date.now()
  const entry = store.entries.get(key)
  if (versions === null || !entry || !isCurrent(entry, versions, now)) {
    return undefined
  }
  remember(payload, store, key, entry)
  const answer = answerOf({
    entry,
    isHit: true,
    policy: CONTENT_POLICY,
    now,
    requestHeaders: headers,
    finish: restCors(payload, headers),
  })
  return { status: answer.status, headers: [...answer.headers], body: answer.body }
}

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
  const tags = tagsOfPath(payload, new URL(request.url).pathname)
  if (request.method !== 'GET' || !tags) {
    return produce(request)
  }
  return servePublic({
    payload,
    request,
    tags,
    layer: 'rest',
    isAnonymous: await isAnonymousTo(payload, request.headers),
    policy: CONTENT_POLICY,
    produce: (headers) => produce(new Request(request, { headers })),
    finish: restCors(payload, request.headers),
  })
}

/**
 * For a host's own pages (our app's reader site): anonymous GETs answered from the cache while the
 * versions of `tags` (what the page shows) are unchanged; signed-in requests run `produce` with
 * their credentials and are marked `private, no-store`, as on the API.
 */
export const cachedPageRead = async ({
  payload,
  request,
  tags,
  produce,
}: {
  payload: Payload
  request: Request
  /** The cache tags of what the page shows (CONTRACT.md names them), known from its URL. */
  tags: string[]
  /** Renders `request` (or the cacheable copy the cache hands it, without credentials). */
  produce: (request: Request) => Promise<Response>
}): Promise<Response> =>
  servePublic({
    payload,
    request,
    tags,
    layer: 'page',
    isAnonymous: request.method === 'GET' && (await isAnonymousTo(payload, request.headers)),
    policy: CONTENT_POLICY,
    produce: (headers) => produce(new Request(request, { headers })),
  })
