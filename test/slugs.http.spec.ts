import type { RunningServer } from '../cms/server'
import type { TestUser } from './helpers'

/* Slugs over HTTP: unique across every review (draft or published), made for any title, suffixed when taken. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser, loginHeaders, startTestServer, uniqueSuffix } from './helpers'

let server: RunningServer
let admin: TestUser
let editor: TestUser

beforeAll(async () => {
  server = await startTestServer('slugs')
  admin = await createUser(server.payload, 'admin')
  editor = await createUser(server.payload, 'editor')
})

afterAll(async () => {
  await server?.close()
})

type Answer = { status: number; doc: Record<string, unknown>; slugError?: string }

const logins = new Map<TestUser, Record<string, string>>()

const send = async (user: TestUser, method: string, path: string, body: unknown): Promise<Answer> => {
  if (!logins.has(user)) {
    logins.set(user, await loginHeaders(server.url, user))
  }
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...logins.get(user) },
    body: JSON.stringify(body),
  })
  const json = await response.json()
  const fieldErrors: { path: string; message: string }[] = json.errors?.flatMap(
    (error: { data?: { errors?: unknown[] } }) => error.data?.errors ?? [],
  )
  return {
    status: response.status,
    doc: json.doc,
    slugError: fieldErrors?.find((error) => error.path === 'slug')?.message,
  }
}

const create = async (collection: string, data: Record<string, unknown>, user = admin): Promise<Answer> =>
  send(user, 'POST', `/api/${collection}${collection === 'reviews' && !data._status ? '?draft=true' : ''}`, data)

const slugOf = async (collection: string, data: Record<string, unknown>): Promise<string> => {
  const answer = await create(collection, data)
  expect(answer.status, JSON.stringify(answer)).toBe(201)
  return String(answer.doc.slug)
}

const createFilm = async (title = `Film ${uniqueSuffix()}`, releaseYear?: number) =>
  (await create('films', { title, releaseYear })).doc

describe('slugs are unique across every review, draft or published', () => {
  it('should refuse with 400 on slug a draft that takes a published review’s slug', async () => {
    const film = await createFilm()
    const taken = await create('reviews', { title: `Taken ${uniqueSuffix()}`, film: film.id, _status: 'published' })
    const mine = (await create('reviews', { title: `Mine ${uniqueSuffix()}`, film: film.id }, editor)).doc
    const answer = await send(editor, 'PATCH', `/api/reviews/${mine.id}?draft=true`, { slug: taken.doc.slug })
    expect(answer.status).toBe(400)
    expect(answer.slugError).toContain(String(taken.doc.slug))
  })

  it('should refuse with 400 on slug a slug that only another review’s newer draft holds', async () => {
    const film = await createFilm()
    const other = await create('reviews', { title: `Other ${uniqueSuffix()}`, film: film.id, _status: 'published' })
    const drafted = `drafted-${uniqueSuffix()}`
    const renamed = await send(admin, 'PATCH', `/api/reviews/${other.doc.id}?draft=true`, { slug: drafted })
    expect(renamed.status).toBe(200)
    const published = await create('reviews', { title: `Live ${uniqueSuffix()}`, film: film.id, _status: 'published' })
    const onPublished = await send(admin, 'PATCH', `/api/reviews/${published.doc.id}?draft=true`, { slug: drafted })
    expect(onPublished.status).toBe(400)
    expect(onPublished.slugError).toContain(drafted)
    const onNew = await create('reviews', { title: `New ${uniqueSuffix()}`, film: film.id, slug: drafted }, editor)
    expect(onNew.status).toBe(400)
    expect(onNew.slugError).toContain(drafted)
  })

  it('should let a review keep its own slug across drafts and publishing', async () => {
    const film = await createFilm()
    const review = (await create('reviews', { title: `Own ${uniqueSuffix()}`, film: film.id }, editor)).doc
    const draft = await send(editor, 'PATCH', `/api/reviews/${review.id}?draft=true`, { slug: review.slug })
    expect(draft.status).toBe(200)
    const published = await send(admin, 'PATCH', `/api/reviews/${review.id}`, { _status: 'published' })
    expect(published).toMatchObject({ status: 200, doc: { slug: review.slug } })
  })
})

describe('every valid title gets a working slug', () => {
  it('should transliterate Latin, Cyrillic and Greek titles', async () => {
    expect(await slugOf('composers', { name: 'Ryūichi Sakamoto' })).toBe('ryuichi-sakamoto')
    expect(await slugOf('composers', { name: 'Jóhann Jóhannsson' })).toBe('johann-johannsson')
    expect(await slugOf('films', { title: 'Солярис' })).toBe('solyaris')
    expect(await slugOf('films', { title: 'Ζ' })).toBe('z')
  })

  it('should give a Japanese title a slug of its own letters, served by-slug, in feeds and in links', async () => {
    const title = '千と千尋の神隠し'
    const film = await createFilm(title, 2001)
    expect(film.slug).toBe(title)
    const review = await create('reviews', { title, film: film.id, _status: 'published' })
    expect(review.doc.slug).toBe(title)
    const encoded = encodeURIComponent(title)
    const page = await fetch(`${server.url}/api/reviews/by-slug/${encoded}`)
    expect(page.status).toBe(200)
    const body = await page.json()
    expect(body).toMatchObject({ id: review.doc.id, slug: title, film: { title } })
    expect(body.url).toMatch(new RegExp(`/reviews/${encoded}$`))
    const feed = await (await fetch(`${server.url}/api/feeds/reviews.json`)).json()
    expect(feed.items.find((item: { title: string }) => item.title === title)?.url).toBe(body.url)
    expect((await fetch(`${server.url}/api/reviews/${encoded}/json-ld`)).status).toBe(200)
  })

  it('should refuse a taken slug in the language the request asks for, naming the field by its label', async () => {
    const taken = await slugOf('composers', { name: `Taken ${uniqueSuffix()}` })
    const response = await fetch(`${server.url}/api/composers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'de',
        ...(await loginHeaders(server.url, admin)),
      },
      body: JSON.stringify({ name: 'Typed', slug: taken }),
    })
    expect(response.status).toBe(400)
    const { errors } = (await response.json()) as { errors: { message: string }[] }
    // German, and the field by its German label ("Slug"), not its path.
    expect(errors[0].message).toBe('Das folgende Feld ist nicht korrekt: Slug')
  })

  it('should give a title of no letters or digits the slug untitled, then untitled-2', async () => {
    const first = await slugOf('films', { title: '🎻🎺' })
    expect(first).toMatch(/^untitled(-\d+)?$/)
    const second = await slugOf('films', { title: '?' })
    expect(second).toMatch(/^untitled-\d+$/)
    expect(second).not.toBe(first)
    // A typed slug of no letters is the editor's to fix: a 400 naming slug.
    const typed = await create('films', { title: '—', slug: '🎻' })
    expect(typed.status).toBe(400)
    expect(typed.slugError).toBeTruthy()
  })

  it('should suffix a taken slug the editor did not type: the year, then -2', async () => {
    expect(await slugOf('films', { title: 'John Wick', releaseYear: 2014 })).toBe('john-wick')
    expect(await slugOf('films', { title: 'John Wick', releaseYear: 2027 })).toBe('john-wick-2027')
    expect(await slugOf('films', { title: 'John Wick', releaseYear: 2027 })).toBe('john-wick-2027-2')
    expect(await slugOf('films', { title: 'John Wick' })).toBe('john-wick-2')
    expect(await slugOf('composers', { name: 'Tyler Bates' })).toBe('tyler-bates')
    expect(await slugOf('composers', { name: 'Tyler Bates' })).toBe('tyler-bates-2')
    const remake = await createFilm('Solaris', 2002)
    expect(await slugOf('reviews', { title: 'Solaris', film: remake.id })).toBe('solaris')
    expect(await slugOf('reviews', { title: 'Solaris', film: remake.id })).toBe('solaris-2002')
  })

  it.each(['films', 'composers', 'reviews'] as const)(
    'should refuse with 400 on slug a taken slug the editor typed on %s, and write nothing',
    async (collection) => {
      const film = await createFilm()
      const data = (slug: string) =>
        collection === 'composers' ? { name: 'Typed', slug } : { title: 'Typed', film: film.id, slug }
      const taken = await slugOf(collection, data(`typed-${uniqueSuffix()}`))
      const count = async () => (await server.payload.count({ collection })).totalDocs
      const before = await count()
      const answer = await create(collection, data(taken))
      expect(answer.status).toBe(400)
      expect(answer.slugError).toContain(taken)
      expect(await count()).toBe(before)
    },
  )
})
