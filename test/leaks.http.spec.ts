import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { DRAFT_ONLY_MARKER } from '../cms/seed/johnWick'
import { createUser, startTestServer } from './helpers'

/*
 * Every public surface, asked anonymously, against two kinds of unpublished text: a never-published
 * draft (the seed's John Wick review) and a newer draft on top of a published review. The last
 * test fails when an endpoint exists that this table does not cover.
 */
const NEWER_DRAFT_MARKER = 'NEWER-DRAFT-ON-TOP-OF-PUBLISHED'

type Ids = {
  draft: string
  published: string
  film: string
  composer: string
  track: string
  author: string
  draftSlug: string
  publishedSlug: string
}
type Surface = {
  name: string
  /** The endpoints (scope + method + path as configured) this row exercises. */
  covers: string[]
  fetch: (ctx: { url: string; ids: Ids }) => Promise<Response>
}

const get = (path: string) => (ctx: { url: string }) => fetch(`${ctx.url}${path}`)
const graphql = (query: string) => (ctx: { url: string }) =>
  fetch(`${ctx.url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })

/** GraphQL id literal: Int on SQL databases, String on MongoDB. */
const idLiteral = (id: string) => (/^\d+$/.test(id) ? id : JSON.stringify(id))

const surfaces: Surface[] = [
  { name: 'REST access', covers: ['root GET /access'], fetch: get('/api/access') },
  { name: 'REST reviews list', covers: ['reviews GET /'], fetch: get('/api/reviews?depth=2&limit=0') },
  {
    name: 'REST reviews list, draft=true',
    covers: ['reviews GET /'],
    fetch: get('/api/reviews?draft=true&depth=2&limit=0'),
  },
  {
    name: 'REST reviews list selecting bodies, draft=true',
    covers: ['reviews GET /'],
    fetch: get('/api/reviews?draft=true&select[excerpt]=true&select[plotRecap]=true&select[analysis]=true'),
  },
  {
    name: 'REST where probe on draft-only text',
    covers: ['reviews GET /'],
    fetch: get(`/api/reviews?draft=true&where[excerpt][like]=${DRAFT_ONLY_MARKER}`),
  },
  {
    name: 'REST where probe on _status=draft',
    covers: ['reviews GET /'],
    fetch: get('/api/reviews?draft=true&where[_status][equals]=draft'),
  },
  {
    name: 'REST count, draft=true',
    covers: ['reviews GET /count'],
    fetch: get(`/api/reviews/count?draft=true&where[excerpt][like]=${DRAFT_ONLY_MARKER}`),
  },
  {
    name: 'REST draft by id',
    covers: ['reviews GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.draft}?depth=2`),
  },
  {
    name: 'REST draft by id, draft=true',
    covers: ['reviews GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.draft}?draft=true`),
  },
  {
    name: 'REST published review with newer draft, draft=true',
    covers: ['reviews GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.published}?draft=true&depth=2`),
  },
  {
    name: 'REST versions list',
    covers: ['reviews GET /versions'],
    fetch: get('/api/reviews/versions?depth=1&limit=0'),
  },
  {
    name: 'REST version by id',
    covers: ['reviews GET /versions/:id'],
    fetch: async ({ url, ids }) => fetch(`${url}/api/reviews/versions/${ids.draft}`),
  },
  {
    name: 'REST films with reviews join',
    covers: ['films GET /'],
    fetch: get('/api/films?depth=2&draft=true&limit=0'),
  },
  {
    name: 'REST film by id with reviews join',
    covers: ['films GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/films/${ids.film}?depth=3&draft=true`),
  },
  { name: 'REST films count', covers: ['films GET /count'], fetch: get('/api/films/count') },
  {
    name: 'REST films versions',
    covers: ['films GET /versions', 'films GET /versions/:id'],
    fetch: get('/api/films/versions'),
  },
  {
    name: 'REST composers with films join',
    covers: ['composers GET /'],
    fetch: get('/api/composers?depth=3&draft=true&limit=0'),
  },
  {
    name: 'REST composer by id',
    covers: ['composers GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/composers/${ids.composer}?depth=3&draft=true`),
  },
  { name: 'REST composers count', covers: ['composers GET /count'], fetch: get('/api/composers/count') },
  {
    name: 'REST composers versions',
    covers: ['composers GET /versions', 'composers GET /versions/:id'],
    fetch: get('/api/composers/versions'),
  },
  { name: 'REST tracks list', covers: ['tracks GET /'], fetch: get('/api/tracks?depth=3&draft=true&limit=0') },
  {
    name: 'REST track by id',
    covers: ['tracks GET /:id'],
    fetch: ({ url, ids }) => fetch(`${url}/api/tracks/${ids.track}?depth=3&draft=true`),
  },
  { name: 'REST tracks count', covers: ['tracks GET /count'], fetch: get('/api/tracks/count') },
  {
    name: 'REST tracks versions',
    covers: ['tracks GET /versions', 'tracks GET /versions/:id'],
    fetch: get('/api/tracks/versions'),
  },
  {
    name: 'REST schedule global',
    covers: [
      'publication-schedule GET /',
      'publication-schedule GET /versions',
      'publication-schedule GET /versions/:id',
    ],
    fetch: get('/api/globals/publication-schedule?depth=2&draft=true'),
  },
  {
    name: 'GraphQL Reviews(draft: true)',
    covers: ['root POST /graphql'],
    fetch: graphql(
      '{ Reviews(draft: true, limit: 0) { docs { title excerpt plotRecap analysis finalThoughts _status } } }',
    ),
  },
  {
    name: 'GraphQL Review(id, draft: true)',
    covers: ['root POST /graphql'],
    fetch: async ({ url, ids }) =>
      graphql(
        `{ a: Review(id: ${idLiteral(ids.draft)}, draft: true) { excerpt plotRecap } b: Review(id: ${idLiteral(ids.published)}, draft: true) { excerpt plotRecap } }`,
      )({ url }),
  },
  {
    name: 'GraphQL versionsReviews',
    covers: ['root POST /graphql'],
    fetch: graphql('{ versionsReviews { docs { version { excerpt plotRecap } } } }'),
  },
  {
    name: 'GraphQL films → reviews join',
    covers: ['root POST /graphql'],
    fetch: graphql('{ Films(draft: true) { docs { reviews { docs { excerpt plotRecap } } } } }'),
  },
  { name: 'Schedule JSON', covers: ['root GET /schedule'], fetch: get('/api/schedule') },
  // The John Wick draft's title words (the answer echoes the query, so not the markers themselves).
  {
    name: 'Search for the draft’s title',
    covers: ['root GET /search'],
    fetch: get('/api/search?q=john%20wick&limit=100'),
  },
  {
    name: 'Search reindex, anonymously',
    covers: ['root POST /search/reindex'],
    fetch: ({ url }) => fetch(`${url}/api/search/reindex`, { method: 'POST' }),
  },
  { name: 'Schedule iCalendar', covers: ['root GET /schedule.ics'], fetch: get('/api/schedule.ics') },
  { name: 'RSS feed', covers: ['root GET /feeds/reviews.rss'], fetch: get('/api/feeds/reviews.rss?limit=100') },
  { name: 'Atom feed', covers: ['root GET /feeds/reviews.atom'], fetch: get('/api/feeds/reviews.atom?limit=100') },
  { name: 'JSON Feed', covers: ['root GET /feeds/reviews.json'], fetch: get('/api/feeds/reviews.json?limit=100') },
  {
    name: 'JSON-LD of the draft',
    covers: ['reviews GET /:id/json-ld'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.draft}/json-ld`),
  },
  {
    name: 'JSON-LD of the published review with a newer draft',
    covers: ['reviews GET /:id/json-ld'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.published}/json-ld`),
  },
  {
    name: 'JSON-LD of the draft by slug',
    covers: ['reviews GET /:id/json-ld'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/${ids.draftSlug}/json-ld`),
  },
  {
    name: 'Review page of the draft by slug',
    covers: ['reviews GET /by-slug/:slug'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/by-slug/${ids.draftSlug}`),
  },
  {
    name: 'Review page of the published review with a newer draft',
    covers: ['reviews GET /by-slug/:slug'],
    fetch: ({ url, ids }) => fetch(`${url}/api/reviews/by-slug/${ids.publishedSlug}`),
  },
  {
    name: 'REST reviews list with bodies, draft=true',
    covers: ['reviews GET /'],
    fetch: get('/api/reviews?draft=true&bodies=true&depth=2&limit=0'),
  },
  { name: 'REST users list', covers: [], fetch: get('/api/users?depth=2&limit=0') },
  {
    name: 'REST author by id',
    covers: [],
    fetch: ({ url, ids }) => fetch(`${url}/api/users/${ids.author}?depth=2`),
  },
  {
    name: 'GraphQL reviews with their author',
    covers: ['root POST /graphql'],
    fetch: graphql('{ Reviews(draft: true, limit: 0) { docs { byline author { email name } } } }'),
  },
  { name: 'GraphQL users', covers: ['root POST /graphql'], fetch: graphql('{ Users { docs { email name } } }') },
]

let server: RunningServer
let payload: Payload
let ids: Ids
/** Every user's e-mail address: none may appear in an anonymous response. */
let emails: string[]

beforeAll(async () => {
  server = await startTestServer('leaks')
  payload = server.payload
  await seedDemo({ payload })
  const reviews = await payload.find({ collection: 'reviews', draft: true, depth: 0, pagination: false, sort: 'title' })
  const draft = reviews.docs.find((doc) => doc._status === 'draft')!
  const published = reviews.docs.find((doc) => doc._status === 'published')!
  // Both reviews have an author with a name and an e-mail: the name is public, the e-mail never.
  const author = await createUser(payload, 'admin')
  await payload.update({ collection: 'users', id: author.id, data: { name: 'Pat Reviewer' } })
  await payload.update({ collection: 'reviews', id: published.id, data: { author: author.id }, depth: 0 })
  await payload.update({ collection: 'reviews', id: draft.id, draft: true, data: { author: author.id }, depth: 0 })
  // A newer draft on top of the published review: its text must stay private too.
  await payload.update({
    collection: 'reviews',
    id: published.id,
    draft: true,
    data: { excerpt: `${NEWER_DRAFT_MARKER} excerpt`, finalThoughts: null },
  })
  await payload.updateGlobal({
    slug: 'publication-schedule',
    data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: [draft.id] },
  })
  const film = await payload.find({ collection: 'films', where: { title: { equals: 'John Wick' } }, depth: 0 })
  const composer = await payload.find({ collection: 'composers', limit: 1, depth: 0 })
  const track = await payload.find({ collection: 'tracks', limit: 1, depth: 0 })
  ids = {
    draft: String(draft.id),
    published: String(published.id),
    film: String(film.docs[0].id),
    composer: String(composer.docs[0].id),
    track: String(track.docs[0].id),
    author: String(author.id),
    draftSlug: String(draft.slug),
    publishedSlug: String(published.slug),
  }
  emails = (await payload.find({ collection: 'users', pagination: false, depth: 0 })).docs.map((user) => user.email)
})

afterAll(async () => {
  await server?.close()
})

describe('no unpublished text on any public surface', () => {
  it('should have the unpublished text really stored (the markers are what the table looks for)', async () => {
    const draft = await payload.findByID({ collection: 'reviews', id: ids.draft, draft: true, depth: 0 })
    const newer = await payload.findByID({ collection: 'reviews', id: ids.published, draft: true, depth: 0 })
    expect(draft.excerpt).toContain(DRAFT_ONLY_MARKER)
    expect(newer.excerpt).toContain(NEWER_DRAFT_MARKER)
  })

  it.each(surfaces.map((surface) => [surface.name, surface] as const))(
    'should show no draft text anonymously on: %s',
    async (_name, surface) => {
      const response = await surface.fetch({ url: server.url, ids })
      expect(response.status).toBeLessThan(500)
      const body = await response.text()
      if (surface.covers.includes('root POST /graphql')) {
        // A malformed query proves nothing: only refusals (403, 404) may come back as errors.
        const errors: { extensions?: { statusCode?: number } }[] = JSON.parse(body).errors ?? []
        expect(
          errors.map((error) => error.extensions?.statusCode).filter((code) => code !== 403 && code !== 404),
        ).toEqual([])
      }
      expect(body).not.toContain(DRAFT_ONLY_MARKER)
      expect(body).not.toContain(NEWER_DRAFT_MARKER)
    },
  )

  it.each(surfaces.map((surface) => [surface.name, surface] as const))(
    'should show no e-mail address anonymously on: %s',
    async (_name, surface) => {
      expect(emails.length).toBeGreaterThan(0)
      const body = await (await surface.fetch({ url: server.url, ids })).text()
      for (const email of emails) {
        expect(body).not.toContain(email)
      }
    },
  )

  it('should show the author only by the public name, on the review page and in JSON-LD', async () => {
    const page = await (await fetch(`${server.url}/api/reviews/by-slug/${ids.publishedSlug}`)).json()
    expect(page.author).toEqual({ name: 'Pat Reviewer' })
    expect(page.jsonLd.author).toEqual({ '@type': 'Person', name: 'Pat Reviewer' })
  })

  it('should cover every GET endpoint of the content collections, the schedule global and the root', () => {
    const configured = [
      ...payload.config.endpoints
        .filter((endpoint) => endpoint.path !== '/og')
        .map((endpoint) => `root ${endpoint.method.toUpperCase()} ${endpoint.path}`),
      ...['reviews', 'films', 'composers', 'tracks'].flatMap((slug) =>
        (payload.collections[slug].config.endpoints || [])
          .filter((endpoint) => endpoint.method === 'get')
          .map((endpoint) => `${slug} GET ${endpoint.path}`),
      ),
      ...(payload.config.globals.find((global) => global.slug === 'publication-schedule')?.endpoints || [])
        .filter((endpoint) => endpoint.method === 'get')
        .map((endpoint) => `publication-schedule GET ${endpoint.path}`),
    ]
    const covered = new Set(surfaces.flatMap((surface) => surface.covers))
    expect(configured.filter((endpoint) => !covered.has(endpoint))).toEqual([])
  })
})
