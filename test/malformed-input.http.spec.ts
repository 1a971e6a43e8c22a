import type { FlattenedField, Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { validOperators } from 'payload/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dumpDatabase, loginHeaders, startStaffServer, uniqueTitle } from './helpers'

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser
let asAdmin: Record<string, string>
let asEditor: Record<string, string>
let film: { id: ID }
let track: { id: ID }
let review: { id: ID }

beforeAll(async () => {
  ;({ server, payload, admin, editor } = await startStaffServer('malformed'))
  asAdmin = await loginHeaders(server.url, admin)
  asEditor = await loginHeaders(server.url, editor)
  // Thousands of refusals would each log a stack.
  payload.logger.level = process.env.DEBUG_LOG ? 'error' : 'fatal'
  film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Where film') }, depth: 0 })
  track = await payload.create({
    collection: 'tracks',
    data: { film: film.id, number: 1, title: 'Where cue', durationSeconds: 90 },
    depth: 0,
  })
  review = await payload.create({
    collection: 'reviews',
    data: { title: uniqueTitle('Where review'), film: film.id, author: admin.id, _status: 'published' },
    depth: 0,
  })
})

afterAll(async () => {
  await server?.close()
})

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, text: await response.text() }
}

const send = async (method: string, path: string, headers: Record<string, string>, body: BodyInit) => {
  const response = await fetch(`${server.url}${path}`, { method, headers, body })
  return { status: response.status, text: await response.text() }
}

const COLLECTIONS = ['reviews', 'films', 'tracks', 'composers'] as const
/** Not a date, not a finite number (and, split for `in`, a list with one), nothing. */
const ODD_VALUES = ['notadate', '1e999,2', '']

/** One field of each kind (type, single or many) per collection, down into arrays: the kind decides the answer. */
const kindsOf = (fields: FlattenedField[], prefix = '', seen = new Set<string>()): string[] =>
  fields.flatMap((field) => {
    if (field.type === 'array' || field.type === 'group') {
      return [`${prefix}${field.name}`, ...kindsOf(field.flattenedFields, `${prefix}${field.name}.`, seen)]
    }
    const kind = `${field.type}:${'hasMany' in field && field.hasMany ? 'many' : 'one'}`
    return seen.has(kind) ? [] : (seen.add(kind), [`${prefix}${field.name}`])
  })

const messageOf = (text: string): string =>
  (JSON.parse(text) as { errors: { message: string }[] }).errors.map((error) => error.message).join(' ')

describe('where over HTTP', () => {
  // Some thousand requests: 20 s on a quiet machine, longer beside the rest of the suite.
  it('should answer every operator × kind of field × odd value below 500, anonymously and as an editor', async () => {
    const paths = COLLECTIONS.flatMap((slug) =>
      ['id', 'film.title', ...kindsOf(payload.collections[slug].config.flattenedFields)].map((path) => ({
        slug,
        path,
      })),
    )
    const requests = paths.flatMap(({ slug, path }) =>
      validOperators.flatMap((operator) =>
        ODD_VALUES.flatMap((value) =>
          [{}, asEditor].map((headers) => ({
            url: `/api/${slug}?where[${path}][${operator}]=${encodeURIComponent(value)}`,
            headers,
          })),
        ),
      ),
    )
    const failures: string[] = []
    for (let index = 0; index < requests.length; index += 16) {
      await Promise.all(
        requests.slice(index, index + 16).map(async ({ url, headers }) => {
          const { status, text } = await get(url, headers)
          if (status >= 500) {
            failures.push(`${status} ${url} ${text}`)
          }
        }),
      )
    }
    expect(failures).toEqual([])
  }, 180_000)

  it.each([
    ['/api/reviews?where[publishedAt][greater_than]=notadate', 'publishedAt: “notadate” is not a date'],
    ['/api/reviews?where[or][0][and][0][publishedAt][equals]=soon', 'publishedAt: “soon” is not a date'],
    ['/api/reviews?where[film][like]=x', 'film: like is not an operator for a relationship'],
    ['/api/reviews?where[slug][near]=1,2', 'slug: near is not an operator for text'],
    ['/api/reviews?where[plotRecap][like]=x', 'plotRecap: like is not an operator for rich text'],
    ['/api/films?where[tracks][in]=1', 'tracks: in is not an operator for a join'],
    ['/api/films?where[releaseYear][less_than]=1e999', 'releaseYear: “1e999” is not a finite number'],
    ['/api/tracks?where[film.releaseYear][greater_than]=x', 'film.releaseYear: “x” is not a finite number'],
  ])('should refuse %s with 400 saying why', async (path, message) => {
    const { status, text } = await get(path)
    expect(status, text).toBe(400)
    expect(messageOf(text)).toContain(message)
  })

  it.each([
    ['/api/reviews?where=x', 'where is not valid JSON'],
    ['/api/films?where=%7B', 'where is not valid JSON'],
    ['/api/reviews/count?where=nope', 'where is not valid JSON'],
    ['/api/reviews?limit=-1&page=2', 'limit must be a whole number, 0 or more (0: all), not -1.'],
    ['/api/tracks?limit=2.5', 'limit must be a whole number, 0 or more (0: all), not 2.5.'],
    ['/api/composers?limit=5&page=0', 'page must be a whole number, 1 or more, not 0.'],
    ['/api/films?page=-5', 'page must be a whole number, 1 or more, not -5.'],
  ])('should refuse %s with 400 naming the parameter', async (path, message) => {
    const { status, text } = await get(path)
    expect(status, text).toBe(400)
    expect(messageOf(text)).toContain(message)
  })

  it('should refuse a negative limit or page through GraphQL too, and still list with limit 0', async () => {
    const query = async (args: string) => {
      const response = await fetch(`${server.url}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ Reviews(${args}) { totalDocs docs { id } } }` }),
      })
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] }
    }
    const negative = await query('limit: -1, page: -5')
    expect(negative.errors?.map(({ message }) => message).join(' ')).toContain('limit must be a whole number')
    const all = await query('limit: 0')
    expect(all.errors).toBeUndefined()
    expect(all.data).toMatchObject({ Reviews: { totalDocs: expect.any(Number) } })
  })

  it('should refuse an id of Infinity, and `all` where the database lacks it, with 400', async () => {
    const byID = await get('/api/reviews?where[id][greater_than]=1e999')
    expect(byID.status, byID.text).toBe(payload.db.defaultIDType === 'number' ? 400 : 200)
    const all = await get('/api/reviews?where[title][all]=x')
    expect(all.status, all.text).toBe(payload.db.name === 'mongoose' ? 200 : 400)
  })

  it('should check the where of draft reads and version reads too', async () => {
    const draft = await get('/api/reviews?draft=true&where[publishedAt][less_than_equal]=x', asEditor)
    expect(draft.status, draft.text).toBe(400)
    expect(messageOf(draft.text)).toContain('publishedAt: “x” is not a date')
    const versions = await get('/api/reviews/versions?where[version.publishedAt][greater_than]=x', asEditor)
    expect(versions.status, versions.text).toBe(400)
    expect(messageOf(versions.text)).toContain('version.publishedAt: “x” is not a date')
  })

  it('should answer in the reader’s language', async () => {
    const { status, text } = await get('/api/reviews?where[film][like]=x', { 'accept-language': 'de' })
    expect(status).toBe(400)
    expect(messageOf(text)).toContain('film: like ist kein Operator für eine Beziehung')
  })

  it('should still answer good queries, dotted paths and ids included', async () => {
    for (const path of [
      '/api/reviews?where[publishedAt][greater_than]=2000-01-01',
      '/api/reviews?where[film.title][like]=Where film',
      `/api/reviews?where[film][in]=${film.id}`,
      `/api/films?where[tracks][equals]=${track.id}`,
    ]) {
      const { status, text } = await get(path, asEditor)
      expect(status, `${path} ${text}`).toBe(200)
      expect((JSON.parse(text) as { totalDocs: number }).totalDocs, path).toBe(1)
    }
  })

  it('should let only those who read every user query through author into users, by the one rule', async () => {
    const probe = '/api/reviews?draft=true&where[author.email][like]=admin'
    for (const headers of [{}, asEditor]) {
      const { status, text } = await get(probe, headers)
      expect(status, text).toBe(400)
      expect(messageOf(text)).toContain('author.email cannot be queried')
    }
    const asTheAdmin = await get(probe, asAdmin)
    expect(asTheAdmin.status, asTheAdmin.text).toBe(200)
    const byID = await get(`/api/reviews?draft=true&where[author.id][equals]=${admin.id}`, asEditor)
    expect(byID.status, byID.text).toBe(200)
    expect((JSON.parse(byID.text) as { totalDocs: number }).totalDocs).toBe(1)
  })

  it('should name the field, not an internal query, for a track whose film is not an id', async () => {
    const { status, text } = await send(
      'POST',
      '/api/tracks',
      { ...asEditor, 'content-type': 'application/json' },
      JSON.stringify({ film: 'abc', number: 5, title: 'Bad film', durationSeconds: 60 }),
    )
    expect(status, text).toBe(400)
    expect(text).toContain('"path":"film"')
    expect(text).not.toContain('where.')
  })
})

describe('rich text over HTTP', () => {
  const patch = (path: string, body: unknown) =>
    send('PATCH', path, { ...asAdmin, 'content-type': 'application/json' }, JSON.stringify(body))

  it.each([
    ['a node whose children are text', { root: { type: 'root', children: [{ type: 'bogus', children: 'x' }] } }],
    ['a plain string', 'plain string'],
    ['a root that is a number', { root: 5 }],
    ['a root without children', { root: { type: 'root' } }],
    [
      'a text node whose text is a number',
      {
        root: {
          type: 'root',
          children: [{ type: 'paragraph', children: [{ type: 'text', text: 123 }] }],
        },
      },
    ],
  ])('should refuse %s as plotRecap with 400 naming it, and write nothing', async (_label, plotRecap) => {
    const before = await dumpDatabase(payload)
    const { status, text } = await patch(`/api/reviews/${review.id}`, { plotRecap })
    expect(status, text).toBe(400)
    expect(text).toContain('"path":"plotRecap"')
    expect(text).toContain(
      "plotRecap: rich text must be a Lexical document { root: { type: 'root', children: [...] } }.",
    )
    expect(await dumpDatabase(payload)).toBe(before)
  })

  it('should refuse a plain string as a film synopsis', async () => {
    const { status, text } = await patch(`/api/films/${film.id}`, { synopsis: 'plain string' })
    expect(status, text).toBe(400)
    expect(text).toContain('"path":"synopsis"')
  })

  it('should answer an unknown node type below 500', async () => {
    const { status } = await patch(`/api/reviews/${review.id}`, {
      plotRecap: { root: { type: 'root', children: [{ type: 'bogus', children: [] }] } },
    })
    expect(status).toBeLessThan(500)
  })

  it('should take a Lexical document, and null', async () => {
    const paragraph = { type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Strings.', version: 1 }] }
    const document = { root: { type: 'root', version: 1, children: [paragraph] } }
    expect((await patch(`/api/reviews/${review.id}`, { plotRecap: document })).status).toBe(200)
    expect((await patch(`/api/reviews/${review.id}`, { plotRecap: null })).status).toBe(200)
  })
})

describe('request bodies that are not JSON', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'should answer 415 to a %s body, naming it',
    async (contentType) => {
      const { status, text } = await send(
        'POST',
        '/api/films',
        { ...asEditor, 'content-type': contentType },
        '{"title":"tp"}',
      )
      expect(status, text).toBe(415)
      expect(messageOf(text)).toContain(contentType)
      expect(messageOf(text)).toContain('send it as application/json')
    },
  )

  it('should take multipart with a JSON _payload, as the admin sends it', async () => {
    const form = new FormData()
    form.set('_payload', JSON.stringify({ title: uniqueTitle('Multipart') }))
    const response = await fetch(`${server.url}/api/films`, { method: 'POST', headers: asEditor, body: form })
    expect(response.status, await response.text()).toBe(201)
  })

  it('should take a urlencoded query on a POST that overrides its method to GET, as the admin’s pickers send it', async () => {
    const { status, text } = await send(
      'POST',
      '/api/composers',
      { ...asEditor, 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
      'depth=0&limit=1',
    )
    expect(status, text).toBe(200)
    expect(JSON.parse(text)).toHaveProperty('docs')
  })

  it('should answer 400 to multipart with no _payload', async () => {
    const form = new FormData()
    form.set('x', '1')
    const response = await fetch(`${server.url}/api/films`, { method: 'POST', headers: asEditor, body: form })
    const text = await response.text()
    expect(response.status, text).toBe(400)
    expect(messageOf(text)).toContain('_payload')
  })

  it('should answer 400 to multipart whose _payload is not JSON', async () => {
    const form = new FormData()
    form.set('_payload', '{bad')
    const response = await fetch(`${server.url}/api/films`, { method: 'POST', headers: asEditor, body: form })
    const text = await response.text()
    expect(response.status, text).toBe(400)
    expect(messageOf(text)).toContain('_payload')
  })
})
