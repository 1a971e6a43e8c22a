/*
 * The change feed over HTTP: which writes tell the site's `revalidate` (and the cache) what, after
 * commit and never for a rollback; the cache invalidates by tag, so a draft save or another review's
 * edit leaves a cached page a hit; a hit is one kv round trip; concurrent misses compute once.
 */
import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { RevalidateArgs } from '../src/types'

import { redisKVAdapter } from '@payloadcms/kv-redis'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { startServer } from '../cms/server'
import { TAGS } from '../src/changes/tags'
import { soundtrackReviews } from '../src/index'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { recordQueries, setClock, testDatabaseURI, uniqueSuffix, uniqueTitle } from './helpers'

let server: RunningServer
let admin: string
let editor: string
let film: ID
let otherFilm: ID
let composer: ID
let track: ID
const heard: Omit<RevalidateArgs, 'payload'>[] = []

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`)
  return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text() }
}

const send = async (token: string, path: string, method: string, body?: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status, `${method} ${path}: ${response.status}`).toBeLessThan(300)
  return ((await response.json()) as { doc: Record<string, unknown> & { id: ID } }).doc
}

const login = async (role: 'admin' | 'editor') => {
  const email = `${role}-${uniqueSuffix()}@example.test`
  const password = 'pw-Secret-12345!'
  await server.payload.create({
    collection: 'users',
    data: { email, password, roles: [role] } as never,
    overrideAccess: true,
  })
  const response = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return ((await response.json()) as { token: string }).token
}

const publish = (title: string, onFilm = film) =>
  send(admin, '/api/reviews', 'POST', { title, film: onFilm, _status: 'published' })

/** What `revalidate` heard since the last call, by event and review. */
const takeHeard = () => heard.splice(0).map(({ event, data, tags }) => ({ event, id: data.id, tags }))

/** Reads `path` until it is cached, so the next read can be a hit. */
const warm = async (path: string) => {
  await get(path)
  expect((await get(path)).cache, path).toBe('hit')
}

beforeAll(async () => {
  const config = buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('change_feed')),
    // CI runs this spec again with REDIS_URL: the tag versions then live in Redis (@payloadcms/kv-redis).
    ...(process.env.REDIS_URL
      ? { kv: redisKVAdapter({ redisURL: process.env.REDIS_URL, keyPrefix: `change-feed-${uniqueSuffix()}:` }) }
      : {}),
    editor: lexicalEditor(),
    collections: [{ slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }] }],
    plugins: [
      soundtrackReviews({
        siteUrl: 'https://soundtracks.example',
        revalidate: ({ payload: _payload, ...change }) => {
          heard.push(change)
        },
      }),
    ],
  })
  server = await startServer({ config, port: 0, admin: false })
  admin = await login('admin')
  editor = await login('editor')
  const { payload } = server
  composer = (await payload.create({ collection: 'composers', data: { name: uniqueTitle('Composer') }, depth: 0 })).id
  film = (
    await payload.create({
      collection: 'films',
      data: { title: uniqueTitle('Feed film'), composers: [composer] },
      depth: 0,
    })
  ).id
  otherFilm = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Other film') }, depth: 0 })).id
  track = (
    await payload.create({ collection: 'tracks', data: { film, number: 1, title: 'Main title', durationSeconds: 90 } })
  ).id
})

beforeEach(() => {
  heard.length = 0
})

afterAll(async () => {
  vi.useRealTimers()
  await server?.close()
})

describe('what a write tells revalidate', () => {
  it('should tell a publish once, after commit, with the tags, URLs and data of the review', async () => {
    const title = uniqueTitle('Published')
    const review = await publish(title)
    const [change, ...rest] = heard.splice(0)
    expect(rest).toEqual([])
    expect(change.event).toBe('review.published')
    expect(change.data).toMatchObject({
      id: review.id,
      slug: review.slug,
      title,
      url: `https://soundtracks.example/reviews/${String(review.slug)}`,
    })
    expect(change.data.publishedAt).toBe(review.publishedAt)
    expect(change.tags).toEqual(
      expect.arrayContaining([
        TAGS.review(review.id),
        TAGS.reviewSlug(String(review.slug)),
        TAGS.reviews,
        TAGS.feeds,
        TAGS.film(film),
      ]),
    )
    expect(change.urls).toEqual(
      expect.arrayContaining([
        `https://soundtracks.example/reviews/${String(review.slug)}`,
        expect.stringMatching(new RegExp(`/api/reviews/by-slug/${String(review.slug)}$`)),
        expect.stringMatching(/\/api\/feeds\/reviews\.rss$/),
      ]),
    )
  })

  it('should tell nothing for a draft save, an autosave-like draft of a published review, or a draft-only review', async () => {
    const review = await publish(uniqueTitle('Drafted over'))
    heard.length = 0
    await send(editor, `/api/reviews/${review.id}?draft=true`, 'PATCH', { excerpt: 'DRAFT ONLY TEXT' })
    const draftOnly = await send(editor, '/api/reviews?draft=true', 'POST', { title: uniqueTitle('Never out'), film })
    await send(editor, `/api/reviews/${draftOnly.id}?draft=true`, 'PATCH', { excerpt: 'still a draft' })
    await send(admin, `/api/reviews/${draftOnly.id}`, 'DELETE')
    expect(takeHeard()).toEqual([])
  })

  it('should keep the review page and the feeds cached through draft saves, and another review’s edit', async () => {
    const a = await publish(uniqueTitle('Review A'))
    const b = await publish(uniqueTitle('Review B'))
    const pages = [`/api/reviews/by-slug/${String(a.slug)}`, `/api/reviews/${a.id}/json-ld`, '/api/feeds/reviews.rss']
    for (const path of pages) {
      await warm(path)
    }
    await send(editor, `/api/reviews/${a.id}?draft=true`, 'PATCH', { excerpt: 'DRAFT ONLY TEXT' })
    for (const path of pages) {
      const read = await get(path)
      expect(read.cache, path).toBe('hit')
      expect(read.text, path).not.toContain('DRAFT ONLY TEXT')
    }
    // Editing B: A's own pages stay hits, the lists and B's page are computed afresh.
    const newTitle = uniqueTitle('Review B renamed')
    await send(admin, `/api/reviews/${b.id}`, 'PATCH', { title: newTitle })
    expect((await get(pages[0])).cache).toBe('hit')
    expect((await get(pages[1])).cache).toBe('hit')
    const feed = await get('/api/feeds/reviews.rss')
    expect(feed.cache).toBe('miss')
    expect(feed.text).toContain(newTitle)
    const bPage = await get(`/api/reviews/by-slug/${String(b.slug)}`)
    expect(bPage.cache).toBe('miss')
    expect(bPage.text).toContain(newTitle)
  })

  it('should tell review.updated, unpublished and deleted for a review that was public', async () => {
    const review = await publish(uniqueTitle('Lifecycle'))
    heard.length = 0
    await send(admin, `/api/reviews/${review.id}`, 'PATCH', { excerpt: 'New public excerpt' })
    expect(takeHeard()).toEqual([expect.objectContaining({ event: 'review.updated', id: review.id })])
    // A renamed slug: the old slug's page is told too.
    await send(admin, `/api/reviews/${review.id}`, 'PATCH', { slug: `renamed-${uniqueSuffix()}` })
    expect(takeHeard()[0].tags).toEqual(
      expect.arrayContaining([TAGS.reviewSlug(String(review.slug)), expect.stringMatching(/^review:slug:renamed-/)]),
    )
    await send(admin, `/api/reviews/${review.id}`, 'PATCH', { _status: 'draft' })
    expect(takeHeard()).toEqual([expect.objectContaining({ event: 'review.unpublished', id: review.id })])
    await send(admin, `/api/reviews/${review.id}`, 'PATCH', { _status: 'published' })
    expect(takeHeard()).toEqual([expect.objectContaining({ event: 'review.published', id: review.id })])
    await send(admin, `/api/reviews/${review.id}`, 'DELETE')
    expect(takeHeard()).toEqual([expect.objectContaining({ event: 'review.deleted', id: review.id })])
  })

  it('should tell review.updated for each published review a film, track or composer change shows in', async () => {
    const shown = await publish(uniqueTitle('Shows the film'))
    await send(editor, '/api/reviews?draft=true', 'POST', { title: uniqueTitle('Draft on the film'), film })
    const elsewhere = await publish(uniqueTitle('Elsewhere'), otherFilm)
    heard.length = 0
    const { docs } = await server.payload.find({
      collection: 'reviews',
      where: { film: { equals: film }, _status: { equals: 'published' } },
      pagination: false,
      depth: 0,
    })
    const onFilm = docs.map(({ id }) => id).sort()
    expect(onFilm).toContain(shown.id)
    /** One review.updated per published review of the film (not the draft, not the other film's), and the catalog's tags. */
    const expectTold = (heardNow: ReturnType<typeof takeHeard>, ownTags: string[]) => {
      const events = heardNow.filter(({ event }) => event)
      expect(events.map(({ id }) => id).sort()).toEqual(onFilm)
      expect(events.every(({ event, tags }) => event === 'review.updated' && tags.includes(TAGS.film(film)))).toBe(true)
      expect(heardNow.find(({ event }) => !event)?.tags).toEqual(expect.arrayContaining(ownTags))
    }

    await send(admin, `/api/films/${film}`, 'PATCH', { director: 'Someone New' })
    expectTold(takeHeard(), [TAGS.films, TAGS.film(film)])
    await send(editor, `/api/tracks/${track}`, 'PATCH', { durationSeconds: 95 })
    expectTold(takeHeard(), [TAGS.tracks, TAGS.film(film)])
    await send(editor, `/api/composers/${composer}`, 'PATCH', { name: uniqueTitle('Composer renamed') })
    expectTold(takeHeard(), [TAGS.composers, TAGS.composer(composer)])
    expect(onFilm).not.toContain(elsewhere.id)
  })

  it('should refresh the pages of the published reviews that link to a review when its film changes and when it is deleted', async () => {
    const linkedFilm = (
      await server.payload.create({ collection: 'films', data: { title: uniqueTitle('Linked film') }, depth: 0 })
    ).id
    const linked = await publish(uniqueTitle('Linked review'), linkedFilm)
    const linking = await send(admin, '/api/reviews', 'POST', {
      title: uniqueTitle('Linking review'),
      film: otherFilm,
      relatedReviews: [linked.id],
      _status: 'published',
    })
    const page = `/api/reviews/by-slug/${String(linking.slug)}`
    const relatedOn = async () =>
      JSON.parse((await get(page)).text).relatedReviews as { id: ID; film?: { title?: string } }[]

    // Its page shows the linked review's film: a rename of that film is a change of the linking page.
    await warm(page)
    heard.length = 0
    const renamed = uniqueTitle('Linked film renamed')
    await send(admin, `/api/films/${linkedFilm}`, 'PATCH', { title: renamed })
    const told = takeHeard().find(({ id }) => id === linked.id)
    expect(told?.tags).toEqual(expect.arrayContaining([TAGS.review(linked.id), TAGS.review(linking.id)]))
    expect((await get(page)).cache).toBe('miss')
    expect((await relatedOn())[0]?.film?.title).toBe(renamed)

    // Deleted, it leaves the linking page, which the delete's change names (its link is gone with it).
    await warm(page)
    heard.length = 0
    await send(admin, `/api/reviews/${linked.id}`, 'DELETE')
    expect(takeHeard()).toEqual([
      expect.objectContaining({
        event: 'review.deleted',
        id: linked.id,
        tags: expect.arrayContaining([TAGS.review(linking.id)]),
      }),
    ])
    expect((await get(page)).cache).toBe('miss')
    expect(await relatedOn()).toEqual([])
  })

  it('should tell schedule.changed on a save, and review.published with its slot when the job publishes', async () => {
    const draft = await send(editor, '/api/reviews?draft=true', 'POST', { title: uniqueTitle('Queued'), film })
    setClock('2026-12-01T12:00:00.000Z')
    try {
      const schedule = { enabled: true, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: [draft.id] }
      const saved = await fetch(`${server.url}/api/globals/publication-schedule`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${admin}` },
        body: JSON.stringify(schedule),
      })
      expect(saved.status).toBe(200)
      expect(takeHeard().filter(({ event }) => event)).toEqual([
        expect.objectContaining({ event: 'schedule.changed', tags: [TAGS.schedule, TAGS.content] }),
      ])

      const slot = '2026-12-04T09:00:00.000Z'
      setClock('2026-12-04T09:00:05.000Z')
      const run = await publishDueReviews({ req: await createLocalReq({}, server.payload), now: new Date() })
      expect(run.published).toEqual([draft.id])
      const published = heard.splice(0).filter(({ event }) => event)
      expect(published).toEqual([
        expect.objectContaining({
          event: 'review.published',
          data: expect.objectContaining({ id: draft.id, scheduledFor: slot }),
        }),
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('should tell nothing for a transaction that rolls back', async () => {
    const req = await createLocalReq({}, server.payload)
    await initTransaction(req)
    await server.payload.update({ collection: 'films', id: film, data: { director: 'Rolled back' }, req })
    await killTransaction(req)
    expect(heard).toEqual([])
  })
})

describe('the cache by tag', () => {
  it('should answer a hit with one database round trip, whatever the number of tags', async () => {
    const review = await publish(uniqueTitle('One query'))
    const path = `/api/reviews/${review.id}/json-ld`
    await warm(path)
    const queries = recordQueries(server.payload)
    try {
      expect((await get(path)).cache).toBe('hit')
      // One SELECT of the kv rows; with Redis as the kv store, none (one MGET).
      expect(queries.count()).toBe(process.env.REDIS_URL ? 0 : 1)
    } finally {
      queries.restore()
    }
  })

  it('should compute a URL once for concurrent misses after a change', async () => {
    const review = await publish(uniqueTitle('Single flight'))
    const path = `/api/reviews/by-slug/${String(review.slug)}`
    await warm(path)
    await send(admin, `/api/reviews/${review.id}`, 'PATCH', { excerpt: 'Changed for everyone' })
    const queries = recordQueries(server.payload)
    try {
      const reads = await Promise.all(Array.from({ length: 12 }, () => get(path)))
      expect(reads.every(({ status, text }) => status === 200 && text.includes('Changed for everyone'))).toBe(true)
      const pageReads = queries.count(({ method, collection }) => method === 'find' && collection === 'reviews')
      expect(pageReads, 'finds of the review for 12 concurrent misses').toBeLessThanOrEqual(2)
    } finally {
      queries.restore()
    }
  })
})
