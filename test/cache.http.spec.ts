import type { Payload, PayloadRequest } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { createLocalReq, createPayloadRequest, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readTagVersions } from '../src/cache/tagVersions'
import { TAGS } from '../src/changes/tags'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { createUser, isJobPoll, loginHeaders, startTestServer, uniqueTitle, withQueryCount } from './helpers'
import { draftReview, latestReview, SCHEDULE } from './scheduleFixtures'

let server: RunningServer
let payload: Payload
let admin: TestUser
let film: ID
let track: ID

beforeAll(async () => {
  server = await startTestServer('public_cache')
  payload = server.payload
  admin = await createUser(payload, 'admin')
  film = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Cached film') }, depth: 0 })).id
  track = (
    await payload.create({
      collection: 'tracks',
      data: { film, number: 1, title: 'Main Title', durationSeconds: 120 } as never,
      depth: 0,
    })
  ).id
})

afterAll(async () => {
  await server?.close()
})

const publishReview = async (title = uniqueTitle('Cached review')): Promise<ID> =>
  (
    await payload.create({
      collection: 'reviews',
      data: { title, film, _status: 'published', excerpt: 'First take.' },
      depth: 0,
      overrideAccess: true,
    })
  ).id

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

/** Every public surface that shows a review, read anonymously twice so the second comes from the cache. */
const surfaces = async (review: ID) => {
  const { slug } = await payload.findByID({ collection: 'reviews', id: review, depth: 0, overrideAccess: true })
  return [
    `/api/reviews/${review}?depth=1`,
    `/api/reviews/by-slug/${slug}`,
    `/api/reviews/${review}/json-ld`,
    '/api/feeds/reviews.rss',
    '/api/feeds/reviews.atom',
    '/api/feeds/reviews.json',
  ]
}

const warm = async (paths: string[]) => {
  for (const path of paths) {
    await get(path)
    expect((await get(path)).headers.get('x-cache'), path).toBe('hit')
  }
}

describe('public cache', () => {
  it('should serve a repeated anonymous read from memory with one query, an ETag, a 304 and a CDN-friendly Cache-Control', async () => {
    const review = await publishReview()
    const path = `/api/reviews/${review}?depth=1`
    const first = await get(path)
    expect(first.status).toBe(200)
    expect(first.headers.get('x-cache')).toBe('miss')

    // With REDIS_URL the app keeps kv in Redis: count its round trips too.
    const redis = (payload.kv as { redisClient?: { mget: (...keys: string[]) => Promise<unknown> } }).redisClient
    const mget = redis?.mget.bind(redis)
    let redisCalls = 0
    if (redis && mget) {
      redis.mget = (...keys: string[]) => {
        redisCalls += 1
        return mget(...keys)
      }
    }
    const { result: second, calls } = await withQueryCount(payload, () => get(path)).finally(() => {
      if (redis && mget) {
        redis.mget = mget
      }
    })
    expect(second.text).toBe(first.text)
    expect(second.headers.get('x-cache')).toBe('hit')
    // The versions of its tags, and nothing else: one MGET on Redis; else one raw SELECT of the kv rows
    // on SQL, one find on MongoDB.
    const queries = calls
      .filter((call) => !isJobPoll(call))
      .map((call) => `${call.method} ${call.collection ?? ''}`.trim())
    if (redis) {
      expect(queries).toEqual([])
      expect(redisCalls).toBe(1)
    } else {
      expect(queries).toEqual([payload.db.name === 'mongoose' ? 'find payload-kv' : 'execute'])
    }

    const etag = second.headers.get('etag')
    expect(etag).toMatch(/^"/)
    expect(second.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=60')
    expect(second.headers.get('vary')).toMatch(/Authorization/)
    const revalidated = await get(path, { 'If-None-Match': etag as string })
    expect(revalidated.status).toBe(304)
    expect(revalidated.text).toBe('')
  })

  it("should read each tag's version from the row Payload's kv store writes, one query for all", async () => {
    const tag = TAGS.review(await publishReview())
    const stored = async () => ((await payload.kv.get(`soundtrack-reviews:tag:${tag}`)) as { version: string }).version
    const before = (await readTagVersions(payload, [tag, TAGS.reviews]))!
    expect(before[tag]).toBe(await stored())
    // A track of the review's film changes its page: the review's tag moves.
    await payload.update({ collection: 'tracks', id: track, data: { durationSeconds: 121 } as never, depth: 0 })
    const after = (await readTagVersions(payload, [tag, TAGS.reviews]))!
    expect(after[tag]).not.toBe(before[tag])
    expect(after[tag]).toBe(await stored())
    // No row yet (a fresh database): the first version, until the next change stores one.
    await payload.kv.delete(`soundtrack-reviews:tag:${tag}`)
    expect((await readTagVersions(payload, [tag]))![tag]).toBe('initial')
  })

  it('should answer 304 on every cached surface', async () => {
    const review = await publishReview()
    for (const path of [...(await surfaces(review)), '/api/schedule', '/api/schedule.ics']) {
      const first = await get(path)
      expect(first.status, path).toBe(200)
      const etag = first.headers.get('etag') as string
      expect(etag, path).toBeTruthy()
      expect(first.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/)
      expect((await get(path, { 'If-None-Match': etag })).status, path).toBe(304)
    }
  })

  it('should show an edit of a published review on the next anonymous read of every surface', async () => {
    const review = await publishReview()
    await warm(await surfaces(review))
    const title = uniqueTitle('Edited title')
    await payload.update({ collection: 'reviews', id: review, data: { title }, depth: 0, overrideAccess: true })
    for (const path of await surfaces(review)) {
      const after = await get(path)
      expect(after.text, path).toContain(title)
    }
  })

  it('should hide an unpublished review on the next anonymous read', async () => {
    const title = uniqueTitle('Soon gone')
    const review = await publishReview(title)
    const paths = await surfaces(review)
    await warm(paths)
    await payload.update({
      collection: 'reviews',
      id: review,
      data: { _status: 'draft' },
      depth: 0,
      overrideAccess: true,
    })
    expect((await get(`/api/reviews/${review}?depth=1`)).status).toBe(404)
    expect((await get(`/api/reviews/${review}/json-ld`)).status).toBe(404)
    expect((await get(paths[1])).status).toBe(404)
    for (const format of ['rss', 'atom', 'json']) {
      const feed = await get(`/api/feeds/reviews.${format}`)
      expect(feed.status).toBe(200)
      expect(feed.text).not.toContain(title)
    }
  })

  it("should show a track's new duration in the review's runtime and JSON-LD on the next read", async () => {
    const review = await publishReview()
    await warm(await surfaces(review))
    const before = JSON.parse((await get(`/api/reviews/${review}?depth=1`)).text) as { totalRuntime: string }
    await payload.update({ collection: 'tracks', id: track, data: { durationSeconds: 3599 }, depth: 0 })
    const after = JSON.parse((await get(`/api/reviews/${review}?depth=1`)).text) as { totalRuntime: string }
    expect(after.totalRuntime).not.toBe(before.totalRuntime)
    expect(after.totalRuntime).toBe('59:59')
    expect((await get(`/api/reviews/${review}/json-ld`)).text).toContain('PT59M59S')
  })

  it('should show a schedule change on the next anonymous read of /api/schedule and the calendar', async () => {
    await warm(['/api/schedule', '/api/schedule.ics'])
    const draft = await draftReview(payload, { film, label: 'Queued' })
    await payload.updateGlobal({
      slug: SCHEDULE,
      data: { enabled: false, weekday: 'tuesday', time: '07:15', timezone: 'UTC', queue: [draft] },
      depth: 0,
      overrideAccess: true,
    })
    const schedule = JSON.parse((await get('/api/schedule')).text) as {
      time: string
      upcoming: { review: { id: ID } }[]
    }
    expect(schedule.time).toBe('07:15')
    expect(schedule.upcoming.map((slot) => String(slot.review.id))).toContain(String(draft))
    expect((await get('/api/schedule.ics')).text).toContain(`review-${draft}@`)
  })

  it('should show a review the job publishes on the next anonymous read', async () => {
    const draft = await draftReview(payload, { film, label: 'Published by the job' })
    const { title } = await latestReview(payload, draft)
    await payload.updateGlobal({
      slug: SCHEDULE,
      data: { enabled: true, weekday: 'monday', time: '09:00', timezone: 'UTC', queue: [draft] },
      depth: 0,
      overrideAccess: true,
    })
    await warm(['/api/feeds/reviews.json'])
    expect((await get(`/api/reviews/${draft}?depth=1`)).status).toBe(404)

    const run = await publishDueReviews({
      req: await createLocalReq({}, payload),
      now: new Date('2100-01-01T00:00:00Z'),
    })
    expect(run.published.map(String)).toContain(String(draft))

    expect((await get('/api/feeds/reviews.json')).text).toContain(title)
    expect((await get(`/api/reviews/${draft}?depth=1`)).status).toBe(200)
    await payload.updateGlobal({ slug: SCHEDULE, data: { enabled: false, queue: [] }, depth: 0, overrideAccess: true })
  })

  it('should never use the cache for a signed-in reader or draft=true', async () => {
    const review = await publishReview()
    const draftTitle = uniqueTitle('Draft on top')
    await warm([`/api/reviews/${review}?depth=1`])
    await payload.update({
      collection: 'reviews',
      id: review,
      data: { title: draftTitle },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    const headers = await loginHeaders(server.url, admin)
    const signedIn = await get(`/api/reviews/${review}?depth=1&draft=true`, headers)
    expect(signedIn.text).toContain(draftTitle)
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')

    for (let round = 0; round < 2; round++) {
      const anonymousDraft = await get(`/api/reviews/${review}?depth=1&draft=true`)
      expect(anonymousDraft.text).not.toContain(draftTitle)
      expect(anonymousDraft.headers.get('x-cache')).toBeNull()
      expect(anonymousDraft.headers.get('cache-control')).toBe('private, no-store')
    }
    const anonymous = await get(`/api/reviews/${review}?depth=1`)
    expect(anonymous.text).not.toContain(draftTitle)
  })
})

describe('public cache across app instances', () => {
  it("should see another instance's write on the next read, through the shared content version", async () => {
    const other = await getPayload({ config: payload.config, key: 'second-instance' })
    try {
      const feed = other.config.endpoints.find((endpoint) => endpoint.path === '/feeds/reviews.json')
      expect(feed).toBeDefined()
      const readFeed = async () => {
        const request = new Request(`${server.url}/api/feeds/reviews.json`)
        const req: PayloadRequest = await createPayloadRequest({
          config: Promise.resolve(other.config),
          request,
          payloadInstanceCacheKey: 'second-instance',
        })
        const response = await feed!.handler(req)
        return { cache: response.headers.get('x-cache'), text: await response.text() }
      }
      await readFeed()
      expect((await readFeed()).cache).toBe('hit')

      // Written through the first instance (over HTTP): the second has its own memory, not its hooks.
      const title = uniqueTitle('Written elsewhere')
      const headers = { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) }
      const created = await fetch(`${server.url}/api/reviews`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title, film, _status: 'published' }),
      })
      expect(created.status).toBe(201)

      const after = await readFeed()
      expect(after.cache).toBe('miss')
      expect(after.text).toContain(title)
    } finally {
      await other.destroy()
    }
  })
})
