/*
 * A site that already has a `reviews` collection installs the plugin under other slugs: every
 * internal reference (relationships, joins, hooks, endpoints, the job, JSON-LD, feeds) follows.
 */
import type { RunningServer } from '../cms/server'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { readFileSync } from 'node:fs'
import { buildConfig, createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { startServer } from '../cms/server'
import { publishDueReviews, soundtrackReviews } from '../src/index'
import { testDatabaseURI } from './helpers'

const FALLOUT = readFileSync(new URL('./fixtures/fallout-tracklist.txt', import.meta.url), 'utf8')

const slugs = { films: 'movies', composers: 'musicians', tracks: 'album-tracks', reviews: 'score-reviews' }

let server: RunningServer
let token: string

const api = async <T = Record<string, unknown>>(
  path: string,
  { method = 'GET', body, auth = true }: { method?: string; body?: unknown; auth?: boolean } = {},
): Promise<{ status: number; json: T; text: string; type: string | null }> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth && token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const type = response.headers.get('content-type')
  return { status: response.status, text, type, json: (type?.includes('json') ? JSON.parse(text) : {}) as T }
}

beforeAll(async () => {
  const config = buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('slug_overrides')),
    editor: lexicalEditor(),
    collections: [
      { slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }] },
      // The site's own product reviews, which our `reviews` must not collide with.
      {
        slug: 'reviews',
        access: { read: () => true },
        fields: [
          { name: 'product', type: 'text', required: true },
          { name: 'stars', type: 'number' },
        ],
      },
    ],
    plugins: [
      soundtrackReviews({
        siteUrl: 'https://site.example',
        overrides: {
          films: { slug: slugs.films, labels: { singular: 'Movie', plural: 'Movies' } },
          composers: { slug: slugs.composers },
          tracks: { slug: slugs.tracks },
          reviews: { slug: slugs.reviews, admin: { group: 'Music' } },
        },
      }),
    ],
  })
  server = await startServer({ config, port: 0, admin: false })
  const { json } = await api<{ token: string }>('/api/users/first-register', {
    method: 'POST',
    body: { email: 'owner@site.example', password: 'Owner-password-1', name: 'Owner' },
  })
  token = json.token
})

afterAll(async () => {
  await server?.close()
})

describe('the plugin under overridden slugs beside a site collection of the same name', () => {
  it('should register its collections under the configured slugs and keep the site’s own `reviews`', () => {
    const collections = server.payload.config.collections
    const slugsInConfig = collections.map((collection) => collection.slug)
    expect(slugsInConfig).toEqual(expect.arrayContaining(['reviews', ...Object.values(slugs)]))
    expect(slugsInConfig).not.toContain('films')
    const siteReviews = collections.find((collection) => collection.slug === 'reviews')!
    expect(siteReviews.fields.map((field) => ('name' in field ? field.name : null))).toContain('product')
    const movies = collections.find((collection) => collection.slug === slugs.films)!
    expect(movies.labels).toMatchObject({ singular: 'Movie', plural: 'Movies' })
    expect(collections.find((collection) => collection.slug === slugs.reviews)!.admin.group).toBe('Music')
  })

  it('should point every relationship and join at the configured slugs', () => {
    const relations = server.payload.config.collections
      .filter((collection) => Object.values(slugs).includes(collection.slug))
      .flatMap((collection) =>
        collection.flattenedFields.flatMap((field) =>
          field.type === 'relationship' || field.type === 'join'
            ? [`${collection.slug}.${field.name}→${field.type === 'join' ? field.collection : field.relationTo}`]
            : [],
        ),
      )
    expect(relations).toEqual(
      expect.arrayContaining([
        'musicians.influencedBy→musicians',
        'musicians.films→movies',
        'movies.composers→musicians',
        'movies.tracks→album-tracks',
        'movies.reviews→score-reviews',
        'album-tracks.film→movies',
        'score-reviews.film→movies',
        'score-reviews.highlights→album-tracks',
        'score-reviews.relatedReviews→score-reviews',
      ]),
    )
    expect(relations.join(' ')).not.toMatch(/→(films|tracks|composers|reviews)\b/)
  })

  it('should import a track list, keep the runtime, publish on schedule and serve JSON-LD and feeds', async () => {
    const film = await api<{ doc: { id: number } }>(`/api/${slugs.films}`, {
      method: 'POST',
      body: { title: 'Mission: Impossible – Fallout', releaseYear: 2018 },
    })
    expect(film.status).toBe(201)
    const filmID = film.json.doc.id
    const imported = await api(`/api/${slugs.films}/${filmID}/tracklist`, { method: 'POST', body: { text: FALLOUT } })
    expect(imported).toMatchObject({ status: 200, json: { created: 26, trackCount: 26, totalRuntime: '1:35:45' } })

    const extra = await api<{ doc: { id: number } }>(`/api/${slugs.tracks}`, {
      method: 'POST',
      body: { film: filmID, number: 27, title: 'Bonus', duration: '1:00' },
    })
    expect(extra.status).toBe(201)
    const afterBonus = await api<{ trackCount: number; totalRuntime: string }>(`/api/${slugs.films}/${filmID}`)
    expect(afterBonus.json).toMatchObject({ trackCount: 27, totalRuntime: '1:36:45' })

    const review = await api<{ doc: { id: number } }>(`/api/${slugs.reviews}?draft=true`, {
      method: 'POST',
      body: { title: 'Fallout under another slug', film: filmID, highlights: [extra.json.doc.id] },
    })
    expect(review.status).toBe(201)
    const reviewID = review.json.doc.id
    const siteReview = await api(`/api/reviews`, { method: 'POST', body: { product: 'Headphones', stars: 4 } })
    expect(siteReview.status).toBe(201)

    const saved = await api<{ result: unknown }>(`/api/globals/publication-schedule`, {
      method: 'POST',
      body: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: [reviewID] },
    })
    expect(saved.status).toBe(200)
    const queued = await api<{ publishAt: string }>(`/api/${slugs.reviews}/${reviewID}?draft=true`)
    const slot = new Date(queued.json.publishAt)
    const schedule = await api<{ upcoming: { review: { id: number; film: { title: string } } }[] }>('/api/schedule', {
      auth: false,
    })
    expect(schedule.json.upcoming[0]!.review).toMatchObject({
      id: reviewID,
      film: { title: 'Mission: Impossible – Fallout' },
    })

    const run = await publishDueReviews({
      req: await createLocalReq({}, server.payload),
      now: new Date(slot.getTime() + 1_000),
    })
    expect(run).toEqual({ published: [reviewID], failed: [] })

    const jsonLd = await api(`/api/${slugs.reviews}/${reviewID}/json-ld`, { auth: false })
    expect(jsonLd.status).toBe(200)
    expect(jsonLd.text).toContain('"@type":"Movie"')
    expect(jsonLd.text).toContain('Mission: Impossible – Fallout')
    const published = await api<{ slug: string }>(`/api/${slugs.reviews}/${reviewID}`, { auth: false })
    const page = await api<{ film: { title: string; tracks: unknown[] } }>(
      `/api/${slugs.reviews}/by-slug/${published.json.slug}`,
      { auth: false },
    )
    expect(page.status).toBe(200)
    expect(page.json.film.title).toBe('Mission: Impossible – Fallout')
    expect(page.json.film.tracks).toHaveLength(27)
    const feed = await api<{ items: { title: string }[] }>('/api/feeds/reviews.json', { auth: false })
    expect(feed.json.items.map((item) => item.title)).toContain('Fallout under another slug')
    const mine = await api<{ docs: unknown[] }>(`/api/reviews`, { auth: false })
    expect(mine.json.docs).toEqual([expect.objectContaining({ product: 'Headphones' })])
  })
})
