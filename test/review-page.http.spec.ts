import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { ReviewPage } from '../src/reviewPage/loadReviewPage'
import type { TestUser } from './helpers'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { heading, paragraph, richText } from '../cms/seed/richText'
import { resolveOptions } from '../src/options'
import { loadReviewPage } from '../src/reviewPage/loadReviewPage'
import { createUser, loginHeaders, startTestServer, uniqueTitle, withQueryCount } from './helpers'

let server: RunningServer
let payload: Payload
let admin: TestUser
/** The demo's published review (the Fallout column), read through the Local API. */
let published: { id: ID; slug: string }
let draftSlug: string
let falloutFilm: ID

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)

const readPage = async (slug: string): Promise<{ status: number; body: ReviewPage }> => {
  const response = await get(`/api/reviews/by-slug/${encodeURIComponent(slug)}`)
  return { status: response.status, body: (await response.json()) as ReviewPage }
}

const graphql = async (query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> =>
  (
    await get('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
  ).json()

const createReview = async (data: Record<string, unknown>): Promise<{ id: ID; slug: string }> => {
  const doc = await payload.create({
    collection: 'reviews',
    data: { title: uniqueTitle('Review page'), film: falloutFilm, _status: 'published', ...data },
    depth: 0,
    overrideAccess: true,
  })
  return { id: doc.id, slug: String(doc.slug) }
}

beforeAll(async () => {
  server = await startTestServer('review_page')
  payload = server.payload
  await seedDemo({ payload })
  admin = await createUser(payload, 'admin')
  const { docs } = await payload.find({ collection: 'reviews', draft: true, depth: 0, pagination: false })
  const demoPublished = docs.find((doc) => doc._status === 'published')!
  published = { id: demoPublished.id, slug: String(demoPublished.slug) }
  draftSlug = String(docs.find((doc) => doc._status === 'draft')!.slug)
  falloutFilm = (typeof demoPublished.film === 'object' ? demoPublished.film.id : demoPublished.film) as ID
})

afterAll(async () => {
  await server?.close()
})

describe('GET /api/reviews/by-slug/:slug', () => {
  it('should answer a published review with its film, 26 ordered tracks, cues, bodies as HTML, JSON-LD and url', async () => {
    const { status, body } = await readPage(published.slug)
    expect(status).toBe(200)
    expect(body).toMatchObject({ id: published.id, slug: published.slug })
    expect(body.url).toMatch(new RegExp(`^https?://[^/]+/reviews/${published.slug}$`))
    expect(body.film).toMatchObject({ title: 'Mission: Impossible – Fallout', trackCount: 26, totalRuntime: '1:35:45' })
    expect(body.film.tracks).toHaveLength(26)
    expect(body.film.tracks.map((track) => track.number)).toEqual(Array.from({ length: 26 }, (_, index) => index + 1))
    expect(body.film.tracks.reduce((sum, track) => sum + (track.durationSeconds ?? 0), 0)).toBe(5745)
    expect(body.film.tracks[0]).toMatchObject({ title: 'A Storm Is Coming', duration: '1:12' })
    expect(body.film.composers.map((composer) => composer.name)).toContain('Lorne Balfe')
    for (const composer of body.film.composers) {
      expect(composer.slug).toMatch(/^[a-z0-9-]+$/)
    }
    // Cues name their track from the film's own list, so a page prints the title without another request.
    const titles = new Set(body.film.tracks.map((track) => track.title))
    expect(body.cues.length).toBeGreaterThan(0)
    for (const cue of body.cues.filter((each) => each.track)) {
      expect(titles).toContain(cue.track!.title)
    }
    for (const name of ['plotRecap', 'analysis', 'finalThoughts'] as const) {
      expect(body[name], name).toBeTruthy()
      expect(body[`${name}HTML`], `${name}HTML`).toMatch(/^<(p|h\d|ul|ol|blockquote)/)
    }
    expect(body.jsonLd).toMatchObject({ '@type': 'Review', url: body.url })
    expect(body.author).toBeNull()
  })

  it('should render headings one level down, related reviews with slug and film title, and highlights', async () => {
    const related = await createReview({ excerpt: 'Related.' })
    const tracks = (await payload.find({ collection: 'tracks', where: { film: { equals: falloutFilm } }, limit: 2 }))
      .docs
    const review = await createReview({
      analysis: richText(heading('h2', 'The chase'), paragraph('Drums <and> brass.')),
      relatedReviews: [related.id],
      highlights: tracks.map((track) => track.id),
    })
    const { body } = await readPage(review.slug)
    expect(body.analysisHTML).toBe('<h3>The chase</h3><p>Drums &lt;and&gt; brass.</p>')
    expect(body.plotRecapHTML).toBeNull()
    expect(body.relatedReviews).toEqual([
      {
        id: related.id,
        title: expect.any(String),
        slug: related.slug,
        url: expect.stringMatching(new RegExp(`/reviews/${related.slug}$`)),
        film: { title: 'Mission: Impossible – Fallout' },
      },
    ])
    expect(body.highlights.map((track) => track.title)).toEqual(tracks.map((track) => track.title))
  })

  it('should answer 404 with a sentence for a draft, an unknown slug and an over-long one', async () => {
    for (const slug of [draftSlug, 'no-such-review', 'x'.repeat(500)]) {
      const { status, body } = await readPage(slug)
      expect(status, slug).toBe(404)
      expect((body as unknown as { errors: { message: string }[] }).errors[0].message).toMatch(
        /^There is no published review with the slug/,
      )
    }
  })

  it('should serve the published version when a newer draft sits on top', async () => {
    const review = await createReview({ excerpt: 'Published excerpt.' })
    await payload.update({
      collection: 'reviews',
      id: review.id,
      draft: true,
      data: { excerpt: 'NEWER DRAFT' },
      overrideAccess: true,
    })
    const { body } = await readPage(review.slug)
    expect(body.excerpt).toBe('Published excerpt.')
  })

  it('should use the same number of queries for 26 tracks as for 2', async () => {
    const composer = await payload.create({
      collection: 'composers',
      data: { name: uniqueTitle('Composer') },
      depth: 0,
    })
    const film = await payload.create({
      collection: 'films',
      data: { title: uniqueTitle('Small film'), composers: [composer.id] },
      depth: 0,
    })
    for (const number of [1, 2]) {
      await payload.create({
        collection: 'tracks',
        data: { film: film.id, number, title: `Track ${number}`, durationSeconds: 60 },
        depth: 0,
      })
    }
    // The same related reviews as the seeded one (the John Wick draft), so only the track count differs.
    const { relatedReviews } = await payload.findByID({ collection: 'reviews', id: published.id, depth: 0 })
    const small = await createReview({ film: film.id, relatedReviews })
    const options = resolveOptions({})
    const load = async (slug: string) => loadReviewPage({ req: await createLocalReq({}, payload), slug, options })
    const large = await withQueryCount(payload, () => load(published.slug))
    const few = await withQueryCount(payload, () => load(small.slug))
    expect(large.result?.film.tracks).toHaveLength(26)
    expect(few.result?.film.tracks).toHaveLength(2)
    expect(few.count).toBe(large.count)
    expect(large.count).toBeLessThanOrEqual(6)
  })
})

describe('the byline', () => {
  it('should be filled from the author name and readable anonymously in REST, GraphQL, by-slug and JSON-LD, never with the e-mail', async () => {
    const author = await payload.update({
      collection: 'users',
      id: admin.id,
      data: { name: 'Ann Critic' },
      overrideAccess: true,
    })
    expect(author.name).toBe('Ann Critic')
    const review = await createReview({ author: admin.id })
    const rest = await (await get(`/api/reviews/${review.id}?depth=1`)).text()
    expect(JSON.parse(rest).byline).toBe('Ann Critic')
    const listed = await (await get(`/api/reviews?where[slug][equals]=${review.slug}&depth=2`)).json()
    expect(listed.docs[0].byline).toBe('Ann Critic')
    const gql = await graphql(`{ Reviews(where: { slug: { equals: "${review.slug}" } }) { docs { byline } } }`)
    expect(gql.data).toEqual({ Reviews: { docs: [{ byline: 'Ann Critic' }] } })
    const page = await get(`/api/reviews/by-slug/${review.slug}`)
    const pageText = await page.text()
    expect(JSON.parse(pageText).author).toEqual({ name: 'Ann Critic' })
    expect(JSON.parse(pageText).jsonLd.author).toEqual({ '@type': 'Person', name: 'Ann Critic' })
    for (const body of [rest, JSON.stringify(listed), JSON.stringify(gql), pageText]) {
      expect(body).not.toContain(admin.email)
    }
  })

  it('should keep a byline the editor typed', async () => {
    const review = await createReview({ author: admin.id, byline: 'The Soundtrack Desk' })
    const { body } = await readPage(review.slug)
    expect(body.author).toEqual({ name: 'The Soundtrack Desk' })
  })

  it('should follow a change of author when it was filled automatically, and keep a typed one', async () => {
    const named = async (name: string) => {
      const user = await createUser(payload, 'admin')
      await payload.update({ collection: 'users', id: user.id, data: { name }, overrideAccess: true })
      return user.id
    }
    const secondName = uniqueTitle('Second critic')
    const [first, second] = [await named(uniqueTitle('First critic')), await named(secondName)]
    const filled = await createReview({ author: first })
    const typed = await createReview({ author: first, byline: 'The Soundtrack Desk' })
    const headers = { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) }
    for (const review of [filled, typed]) {
      const response = await get(`/api/reviews/${review.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ author: second }),
      })
      expect(response.status).toBe(200)
    }
    expect((await readPage(filled.slug)).body.author).toEqual({ name: secondName })
    expect((await readPage(typed.slug)).body.author).toEqual({ name: 'The Soundtrack Desk' })

    // Cleared, then given again: the filled byline goes with its author and comes back with the next.
    const patch = (data: Record<string, unknown>) =>
      get(`/api/reviews/${filled.id}`, { method: 'PATCH', headers, body: JSON.stringify(data) })
    expect((await patch({ author: null })).status).toBe(200)
    expect((await payload.findByID({ collection: 'reviews', id: filled.id, depth: 0 })).byline ?? null).toBeNull()
    expect((await patch({ author: first })).status).toBe(200)
    const firstName = (await payload.findByID({ collection: 'users', id: first, depth: 0 })).name
    expect((await readPage(filled.slug)).body.author).toEqual({ name: firstName })
    // A byline cleared by hand is filled again from the author.
    expect((await patch({ byline: null })).status).toBe(200)
    expect((await readPage(filled.slug)).body.author).toEqual({ name: firstName })
  })
})

describe('JSON-LD by id or slug', () => {
  it('should answer the same JSON-LD by slug as by id, and 404 for the draft slug', async () => {
    const byID = await get(`/api/reviews/${published.id}/json-ld`)
    const bySlug = await get(`/api/reviews/${published.slug}/json-ld`)
    expect(bySlug.status).toBe(200)
    expect(bySlug.headers.get('content-type')).toBe('application/ld+json; charset=utf-8')
    expect(await bySlug.text()).toBe(await byID.text())
    expect((await get(`/api/reviews/${draftSlug}/json-ld`)).status).toBe(404)
  })
})

describe('HEAD', () => {
  it('should answer HEAD wherever GET answers, with the same status and headers and no body', async () => {
    const paths = [
      '/api/feeds/reviews.rss',
      '/api/feeds/reviews.atom',
      '/api/feeds/reviews.json',
      '/api/schedule',
      '/api/schedule.ics',
      `/api/reviews/${published.id}/json-ld`,
      `/api/reviews/by-slug/${published.slug}`,
      `/api/reviews/by-slug/${draftSlug}`,
      '/api/reviews?limit=5',
      `/api/reviews/${published.id}`,
      '/api/films',
      '/api/no-such-collection',
    ]
    for (const path of paths) {
      const getResponse = await get(path)
      await getResponse.arrayBuffer()
      const head = await get(path, { method: 'HEAD' })
      expect(head.status, path).toBe(getResponse.status)
      for (const name of ['content-type', 'etag', 'last-modified', 'cache-control']) {
        expect(head.headers.get(name), `${path} ${name}`).toBe(getResponse.headers.get(name))
      }
      expect(await head.text(), path).toBe('')
    }
  })
})

describe('what a list gives a frontend', () => {
  it('should sort reviews newest published first by default, whatever their creation order', async () => {
    const older = await createReview({ publishedAt: '2001-01-05T09:00:00.000Z' })
    const newer = await createReview({ publishedAt: '2001-01-12T09:00:00.000Z' })
    const oldest = await createReview({ publishedAt: '2001-01-01T09:00:00.000Z' })
    const { docs } = await (
      await get('/api/reviews?where[publishedAt][less_than]=2002-01-01&depth=0&select[slug]=true')
    ).json()
    expect(docs.map((doc: { id: ID }) => doc.id)).toEqual([newer.id, older.id, oldest.id])
  })

  it('should carry rich-text bodies in a list with ?bodies=true and leave them out without it', async () => {
    const where = `where[slug][equals]=${published.slug}`
    const without = await (await get(`/api/reviews?${where}`)).json()
    expect(without.docs[0]).not.toHaveProperty('analysis')
    const withBodies = await (await get(`/api/reviews?${where}&bodies=true`)).json()
    for (const name of ['plotRecap', 'analysis', 'finalThoughts']) {
      expect(withBodies.docs[0][name], name).toBeTruthy()
    }
  })
})
