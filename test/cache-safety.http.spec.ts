/*
 * The public cache from outside: every way Payload accepts a credential keeps the response out of the
 * anonymous cache, memory is bounded in bytes, a failed invalidation after commit neither fails the
 * write nor serves stale content, and the repair endpoint and the feeds never answer with old bytes.
 */
import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { startServer } from '../cms/server'
import { readTagVersions } from '../src/cache/tagVersions'
import { soundtrackReviews } from '../src/index'
import { testDatabaseURI, uniqueSuffix, uniqueTitle } from './helpers'

const DRAFT_MARKER = `DRAFT-ONLY-${uniqueSuffix()}`
const MAX_ENTRY_BYTES = 8_000
const MAX_BYTES = 40_000

let server: RunningServer
let token: string
let apiKey: string
let film: ID

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

const asAdmin = async (path: string, method: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

beforeAll(async () => {
  const config = buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('cache_safety')),
    editor: lexicalEditor(),
    // API keys are one of the credentials Payload accepts: the site turns them on for its users.
    collections: [{ slug: 'users', auth: { useAPIKey: true }, fields: [{ name: 'name', type: 'text' }] }],
    plugins: [soundtrackReviews({ cache: { maxBytes: MAX_BYTES, maxEntryBytes: MAX_ENTRY_BYTES } })],
  })
  server = await startServer({ config, port: 0, admin: false })
  const { payload } = server
  apiKey = `key-${uniqueSuffix()}`
  const password = 'pw-Secret-12345!'
  const email = `admin-${uniqueSuffix()}@example.test`
  await payload.create({
    collection: 'users',
    data: { email, password, roles: ['admin'], enableAPIKey: true, apiKey } as never,
    overrideAccess: true,
  })
  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  token = ((await login.json()) as { token: string }).token
  film = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Cached film') }, depth: 0 })).id
  await payload.create({
    collection: 'reviews',
    data: { title: DRAFT_MARKER, film, excerpt: DRAFT_MARKER, _status: 'draft' } as never,
    draft: true,
    depth: 0,
    overrideAccess: true,
  })
})

afterAll(async () => {
  await server?.close()
})

describe('credentials and the anonymous cache', () => {
  const forms: [string, () => Record<string, string>][] = [
    ['the session cookie', () => ({ cookie: `payload-token=${token}` })],
    ['the cookie with a space before =', () => ({ cookie: `payload-token =${token}` })],
    ['the cookie after another, padded', () => ({ cookie: `theme=dark;   payload-token =${token} ; x=1` })],
    ['Authorization: JWT', () => ({ authorization: `JWT ${token}` })],
    ['Authorization: Bearer', () => ({ authorization: `Bearer ${token}` })],
    ['an API key', () => ({ authorization: `users API-Key ${apiKey}` })],
  ]

  for (const [name, headers] of forms) {
    it(`should answer ${name} privately and never give its drafts to the next anonymous reader`, async () => {
      const path = `/api/reviews?limit=10&probe=${uniqueSuffix()}`
      const staff = await get(path, headers())
      expect(staff.status).toBe(200)
      // Payload signed the request in: it sees the draft.
      expect(staff.text).toContain(DRAFT_MARKER)
      expect(staff.headers.get('cache-control')).toBe('private, no-store')
      expect(staff.headers.get('x-cache')).toBeNull()

      const anonymous = await get(path)
      expect(anonymous.status).toBe(200)
      expect(anonymous.text).not.toContain(DRAFT_MARKER)
      expect(anonymous.headers.get('x-cache')).toBe('miss')
      expect((await get(path)).text).not.toContain(DRAFT_MARKER)
    })
  }

  it('should cache a request whose credential Payload rejects as the anonymous answer, computed without it', async () => {
    const path = `/api/reviews?limit=10&probe=${uniqueSuffix()}`
    const forged = await get(path, { cookie: `payload-token=${token.slice(0, -4)}AAAA` })
    expect(forged.status).toBe(200)
    expect(forged.text).not.toContain(DRAFT_MARKER)
    expect(forged.headers.get('x-cache')).toBe('miss')
    expect((await get(path)).headers.get('x-cache')).toBe('hit')
  })
})

describe('memory', () => {
  it('should serve a response larger than maxEntryBytes without keeping it', async () => {
    const { payload } = server
    const big = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Big') }, depth: 0 })).id
    for (let number = 1; number <= 40; number += 1) {
      await payload.create({
        collection: 'tracks',
        data: { film: big, number, title: `Track ${number} ${'x'.repeat(200)}`, durationSeconds: 60 } as never,
        depth: 0,
      })
    }
    const path = `/api/tracks?limit=0&where[film][equals]=${big}`
    const first = await get(path)
    expect(first.status).toBe(200)
    expect(first.text.length).toBeGreaterThan(MAX_ENTRY_BYTES)
    const second = await get(path)
    expect(second.text).toBe(first.text)
    expect(second.headers.get('x-cache')).toBe('miss')
  })

  it('should keep no more than maxBytes: junk query strings push out the least recently served', async () => {
    for (const label of ['Junk A', 'Junk B']) {
      await server.payload.create({ collection: 'films', data: { title: uniqueTitle(label) }, depth: 0 })
    }
    const paths: string[] = []
    let bytesRead = 0
    // Twice the bound, in responses each small enough to be kept.
    while (bytesRead < 2 * MAX_BYTES) {
      const path = `/api/films?limit=2&depth=0&junk=${uniqueSuffix()}`
      const response = await get(path)
      expect(response.headers.get('x-cache')).toBe('miss')
      expect(response.text.length).toBeLessThan(MAX_ENTRY_BYTES)
      paths.push(path)
      bytesRead += response.text.length
    }
    // The first ones are gone, the last one is kept.
    expect((await get(paths.at(-1) as string)).headers.get('x-cache')).toBe('hit')
    expect((await get(paths[0])).headers.get('x-cache')).toBe('miss')
  })
})

describe('after commit', () => {
  it('should report a committed write as done when the invalidation fails, serve nothing stale, and retry', async () => {
    const { payload } = server
    const review = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Retried'), film, _status: 'published' } as never,
      depth: 0,
      overrideAccess: true,
    })
    const path = `/api/reviews/${review.id}`
    await get(path)
    expect((await get(path)).headers.get('x-cache')).toBe('hit')

    // The kv row's upsert fails (a busy database) until the store is back.
    const db = payload.db as unknown as { execute: (args: { raw?: string }) => Promise<unknown> }
    const execute = db.execute.bind(db)
    let failures = 0
    let isBroken = true
    db.execute = async (args) => {
      if (isBroken && /^INSERT INTO \S*payload_kv/.test(args.raw ?? '')) {
        failures += 1
        throw new Error('SQLITE_BUSY: database is locked')
      }
      return execute(args)
    }
    const isConfirmed = async () => (await readTagVersions(payload, ['reviews'])) !== null
    try {
      const title = uniqueTitle('Committed')
      const patch = await asAdmin(`/api/reviews/${review.id}`, 'PATCH', { title })
      expect(patch.status).toBe(200)
      expect(failures).toBeGreaterThan(0)
      // The change is committed; the cache cannot record it yet, so it answers fresh, privately.
      expect(await isConfirmed()).toBe(false)
      const during = await get(path)
      expect(during.text).toContain(title)
      expect(during.headers.get('cache-control')).toBe('private, no-store')

      // The store is back: the retry records the change and the cache answers again.
      isBroken = false
      const deadline = Date.now() + 10_000
      while (!(await isConfirmed()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(await isConfirmed()).toBe(true)
      expect((await get(path)).text).toContain(title)
      expect((await get(path)).headers.get('x-cache')).toBe('hit')
    } finally {
      db.execute = execute
    }
  })
})

describe('writes that run no hooks, and the feeds', () => {
  it('should serve the repaired totals after POST /api/films/:id/recompute-runtime', async () => {
    const { payload } = server
    const repaired = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Drift') }, depth: 0 })).id
    await payload.create({
      collection: 'tracks',
      data: { film: repaired, number: 1, title: 'Only', durationSeconds: 95 } as never,
      depth: 0,
    })
    // Drift, as a crash between writes or a hand edit of the database would leave it.
    await payload.db.updateOne({
      collection: 'films',
      id: repaired,
      data: { trackCount: 7, totalRuntimeSeconds: 1 },
      returning: false,
    })
    const path = `/api/films/${repaired}?probe=${uniqueSuffix()}`
    await get(path)
    const drifted = await get(path)
    expect(drifted.headers.get('x-cache')).toBe('hit')
    expect(JSON.parse(drifted.text)).toMatchObject({ trackCount: 7 })

    expect((await asAdmin(`/api/films/${repaired}/recompute-runtime`, 'POST')).status).toBe(200)
    expect(JSON.parse((await get(path)).text)).toMatchObject({ trackCount: 1, totalRuntimeSeconds: 95 })
  })

  it('should not answer 304 once a film rename or an unpublish changed the feed', async () => {
    const { payload } = server
    const shown = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Feed film') }, depth: 0 }))
      .id
    const older = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Older'), film: shown, _status: 'published' } as never,
      depth: 0,
      overrideAccess: true,
    })
    const newest = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Newest'), film: shown, _status: 'published' } as never,
      depth: 0,
      overrideAccess: true,
    })
    for (const format of ['rss', 'atom', 'json']) {
      const path = `/api/feeds/reviews.${format}`
      const before = await get(path)
      expect(before.headers.get('last-modified')).toBeNull()
      const since = new Date(Date.now() + 60_000).toUTCString()
      const rename = uniqueTitle('Renamed film')
      await payload.update({ collection: 'films', id: shown, data: { title: rename }, depth: 0 })
      const renamed = await get(path, { 'If-None-Match': before.headers.get('etag') as string })
      expect(renamed.status, format).toBe(200)
      expect(renamed.text, format).toContain(rename)
      expect((await get(path, { 'If-Modified-Since': since })).status, format).toBe(200)
    }
    const listed = await get('/api/feeds/reviews.json')
    await payload.update({
      collection: 'reviews',
      id: newest.id,
      data: { _status: 'draft' } as never,
      depth: 0,
      overrideAccess: true,
    })
    const unpublished = await get('/api/feeds/reviews.json', { 'If-None-Match': listed.headers.get('etag') as string })
    expect(unpublished.status).toBe(200)
    expect(unpublished.text).not.toContain(newest.title as string)
    expect(unpublished.text).toContain(older.title as string)
  })
})
