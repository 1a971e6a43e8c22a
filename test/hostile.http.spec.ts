import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dumpDatabase, loginHeaders, startStaffServer, uniqueTitle } from './helpers'

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser
let asEditor: Record<string, string>
let asAdmin: Record<string, string>
let film: { id: ID }
let otherFilm: { id: ID }
let track: { id: ID }
let review: { id: ID; title: string }

beforeAll(async () => {
  ;({ server, payload, admin, editor } = await startStaffServer('hostile'))
  asEditor = await loginHeaders(server.url, editor)
  asAdmin = await loginHeaders(server.url, admin)
  film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Hostile film') }, depth: 0 })
  otherFilm = await payload.create({ collection: 'films', data: { title: uniqueTitle('Other film') }, depth: 0 })
  track = await payload.create({
    collection: 'tracks',
    data: { film: film.id, number: 1, title: 'Cited Cue', durationSeconds: 90 },
    depth: 0,
  })
  await payload.create({
    collection: 'tracks',
    data: { film: film.id, number: 2, title: 'Free Cue', durationSeconds: 60 },
    depth: 0,
  })
  const created = await payload.create({
    collection: 'reviews',
    data: {
      title: uniqueTitle('Citing review'),
      film: film.id,
      highlights: [track.id],
      cues: [{ label: 'Opening', filmTimecode: '1:00', track: track.id }],
      _status: 'published',
    },
    depth: 0,
  })
  review = { id: created.id, title: String(created.title) }
})

afterAll(async () => {
  await server?.close()
})

type Who = 'admin' | 'anonymous' | 'editor'

type HostileCase = {
  name: string
  method: 'DELETE' | 'GET' | 'PATCH' | 'POST'
  /** A path, or one built from the fixtures once they exist. */
  path: string | (() => string)
  body?: unknown | (() => unknown)
  /** A body sent as-is (not JSON-encoded). */
  raw?: string
  who?: Who
  status: number
  /** The field the answer must name (`"path":"…"` in Payload's errors, or the word in the message). */
  field?: string
}

const validTrack = () => ({ film: film.id, number: 50, title: 'Valid otherwise', durationSeconds: 60 })
const validReview = () => ({ title: uniqueTitle('Valid otherwise'), film: film.id })
const withTrack = (change: Record<string, unknown>) => () => ({ ...validTrack(), ...change })
const withReview = (change: Record<string, unknown>) => () => ({ ...validReview(), ...change })

const tracks: HostileCase[] = [
  ['number 1e308', { number: 1e308 }, 'number'],
  ['number 0', { number: 0 }, 'number'],
  ['number 1000', { number: 1000 }, 'number'],
  ['number -3', { number: -3 }, 'number'],
  ['number 1.5', { number: 1.5 }, 'number'],
  ['number as words', { number: 'seven' }, 'number'],
  ['number as an operator object', { number: { $gt: 0 } }, 'number'],
  ['number as a list', { number: [1, 2] }, 'number'],
  ['number true', { number: true }, 'number'],
  ['disc 100', { disc: 100 }, 'disc'],
  ['disc 0', { disc: 0 }, 'disc'],
  ['disc 2.5', { disc: 2.5 }, 'disc'],
  ['film as {"$ne": null}', { film: { $ne: null } }, 'film'],
  ['film as [id, id]', { film: 'FILM_LIST' }, 'film'],
  ['film as {"id": {"$gt": 0}}', { film: { id: { $gt: 0 } } }, 'film'],
  ['film that does not exist', { film: 987654321 }, 'film'],
  ['film true', { film: true }, 'film'],
  ['no film', { film: null }, 'film'],
  ['title missing', { title: undefined }, 'title'],
  ['title as an operator object', { title: { $ne: '' } }, 'title'],
  ['title with NUL', { title: 'Null\u0000Byte' }, 'title'],
  ['title of zero-width spaces', { title: '\u200B\u200B\u200D' }, 'title'],
  ['durationSeconds 1e308', { durationSeconds: 1e308 }, 'durationSeconds'],
  ['durationSeconds -1', { durationSeconds: -1 }, 'durationSeconds'],
  ['duration 99:99', { durationSeconds: undefined, duration: '99:99' }, 'duration'],
  ['composers as {"$ne": null}', { composers: { $ne: null } }, 'composers'],
  ['composers with an operator object', { composers: [{ $ne: null }] }, 'composers'],
  ['notes with NUL', { notes: 'a\u0000b' }, 'notes'],
].map(([name, change, field], index) => ({
  name: `POST /api/tracks with ${name as string}`,
  method: 'POST' as const,
  path: '/api/tracks',
  body: () => {
    // Each case its own free number, so only the field under test can be the reason for a refusal.
    const body = withTrack({ number: 200 + index, ...(change as Record<string, unknown>) })() as Record<string, unknown>
    return body.film === 'FILM_LIST' ? { ...body, film: [film.id, film.id] } : body
  },
  who: 'editor' as const,
  status: 400,
  field: field as string,
}))

const reviews: HostileCase[] = [
  ['rating 11', { rating: 11 }, 'rating'],
  ['rating 7.3', { rating: 7.3 }, 'rating'],
  ['rating as words', { rating: 'ten' }, 'rating'],
  ['seriesPart 0', { seriesPart: 0 }, 'seriesPart'],
  ['seriesPart 1e308', { seriesPart: 1e308 }, 'seriesPart'],
  ['film as {"equals": id}', { film: { equals: 1 } }, 'film'],
  ['film as a list', { film: 'FILM_LIST' }, 'film'],
  [
    'cue track as {"$ne": null}',
    { cues: [{ label: 'x', filmTimecode: '1:00', track: { $ne: null } }] },
    'cues.0.track',
  ],
  [
    'cue track from another film',
    { cues: [{ label: 'x', filmTimecode: '1:00', track: 'TRACK' }], film: 'OTHER' },
    'cues.0.track',
  ],
  ['cue timecode as words', { cues: [{ label: 'x', filmTimecode: 'soon' }] }, 'cues.0.filmTimecode'],
  ['highlights as {"$in": [1]}', { highlights: { $in: [1] } }, 'highlights'],
  ['highlights as a nested list', { highlights: [[1]] }, 'highlights'],
  ['relatedReviews as a string', { relatedReviews: 'all' }, 'relatedReviews'],
  ['excerpt over 500 characters', { excerpt: 'x'.repeat(501) }, 'excerpt'],
  ['title with NUL', { title: 'Bad\u0000Title' }, 'title'],
  ['title of invisible characters only', { title: ' \u2060\uFEFF ' }, 'title'],
  ['author set by an editor to an operator object', { author: { $ne: null } }, 'author'],
].map(([name, change, field]) => ({
  name: `POST /api/reviews?draft=true with ${name as string}`,
  method: 'POST' as const,
  path: '/api/reviews?draft=true',
  body: () => {
    const body = withReview(change as Record<string, unknown>)() as Record<string, unknown>
    const filled = JSON.parse(JSON.stringify(body).replace('"TRACK"', JSON.stringify(track.id))) as Record<
      string,
      unknown
    >
    if (filled.film === 'FILM_LIST') {
      filled.film = [film.id, film.id]
    }
    if (filled.film === 'OTHER') {
      filled.film = otherFilm.id
    }
    return filled
  },
  who: 'editor' as const,
  status: 400,
  field: field as string,
}))

const others: HostileCase[] = [
  {
    name: 'POST /api/films with releaseYear 1e308',
    method: 'POST',
    path: '/api/films',
    body: { title: 'Year', releaseYear: 1e308 },
    who: 'editor',
    status: 400,
    field: 'releaseYear',
  },
  {
    name: 'POST /api/films with releaseYear 1500',
    method: 'POST',
    path: '/api/films',
    body: { title: 'Year', releaseYear: 1500 },
    who: 'editor',
    status: 400,
    field: 'releaseYear',
  },
  {
    name: 'POST /api/films with composers as an operator object',
    method: 'POST',
    path: '/api/films',
    body: { title: 'Composed', composers: { $exists: true } },
    who: 'editor',
    status: 400,
    field: 'composers',
  },
  {
    name: 'POST /api/composers with influencedBy as a list of lists',
    method: 'POST',
    path: '/api/composers',
    body: { name: 'Influenced', influencedBy: [[1]] },
    who: 'editor',
    status: 400,
    field: 'influencedBy',
  },
  {
    name: 'PATCH /api/tracks/:id with film {"$ne": null}',
    method: 'PATCH',
    path: () => `/api/tracks/${track.id}`,
    body: { film: { $ne: null } },
    who: 'editor',
    status: 400,
    field: 'film',
  },
  {
    name: 'PATCH /api/tracks/:id with number 1e308',
    method: 'PATCH',
    path: () => `/api/tracks/${track.id}`,
    body: { number: 1e308 },
    who: 'editor',
    status: 400,
    field: 'number',
  },
  {
    name: 'PATCH /api/tracks (bulk) with film as a list',
    method: 'PATCH',
    path: () => `/api/tracks?where[film][equals]=${film.id}`,
    body: () => ({ film: [film.id, otherFilm.id] }),
    who: 'editor',
    status: 400,
    field: 'film',
  },
  {
    name: 'POST /api/tracks with prototype-pollution keys and a bad film',
    method: 'POST',
    path: '/api/tracks',
    raw: '{"__proto__":{"polluted":"yes","roles":["admin"]},"constructor":{"prototype":{"polluted":"yes"}},"film":{"$ne":null},"number":60,"title":"Proto"}',
    who: 'editor',
    status: 400,
    field: 'film',
  },
  {
    name: 'PATCH /api/users/:id (an editor making itself admin via __proto__)',
    method: 'PATCH',
    path: () => `/api/users/${admin.id}`,
    raw: '{"__proto__":{"roles":["admin"]},"roles":["editor"]}',
    who: 'editor',
    status: 403,
  },
  {
    name: 'DELETE /api/tracks/:id of a track a review cites',
    method: 'DELETE',
    path: () => `/api/tracks/${track.id}`,
    who: 'admin',
    status: 409,
    field: 'REVIEW_TITLE',
  },
  {
    // Payload answers a bulk operation with 400 and one error per refused document.
    name: 'DELETE /api/tracks?where (bulk) including a cited track',
    method: 'DELETE',
    path: () => `/api/tracks?where[id][equals]=${track.id}`,
    who: 'editor',
    status: 400,
    field: 'REVIEW_TITLE',
  },
  {
    name: 'DELETE /api/films/:id of a film with reviews',
    method: 'DELETE',
    path: () => `/api/films/${film.id}`,
    who: 'admin',
    status: 409,
  },
  {
    name: 'DELETE /api/reviews/:id (published) as an editor',
    method: 'DELETE',
    path: () => `/api/reviews/${review.id}`,
    who: 'editor',
    status: 403,
  },
  {
    name: 'POST /api/tracks with a body that is not JSON',
    method: 'POST',
    path: '/api/tracks',
    raw: '{"film": 1, "number": ',
    who: 'editor',
    status: 400,
  },
  {
    name: 'POST /api/tracks with a JSON list as the body',
    method: 'POST',
    path: '/api/tracks',
    raw: '[1, 2, 3]',
    who: 'editor',
    status: 400,
  },
  {
    name: 'POST /api/films/:id/tracklist with 501 lines',
    method: 'POST',
    path: () => `/api/films/${otherFilm.id}/tracklist`,
    body: { text: Array.from({ length: 501 }, (_, index) => `${index + 1}. Cue ${index + 1} (1:00)`).join('\n') },
    who: 'editor',
    status: 400,
    field: 'text',
  },
  {
    name: 'POST /api/films/:id/tracklist with text as an operator object',
    method: 'POST',
    path: () => `/api/films/${otherFilm.id}/tracklist`,
    body: { text: { $ne: null } },
    who: 'editor',
    status: 400,
    field: 'text',
  },
  {
    name: 'POST /api/graphql createTrack with number 1e308',
    method: 'POST',
    path: '/api/graphql',
    body: () => ({
      query: `mutation { createTrack(data: { film: ${JSON.stringify(film.id)}, number: 1e308, title: "GQL", durationSeconds: 60 }) { id } }`,
    }),
    who: 'editor',
    status: 200,
    field: 'number',
  },
  {
    name: 'POST /api/users/login with an operator object as the email',
    method: 'POST',
    path: '/api/users/login',
    body: { email: { $ne: null }, password: 'whatever' },
    status: 400,
    field: 'email',
  },
  {
    name: 'POST /api/users/login with an operator object as the password',
    method: 'POST',
    path: '/api/users/login',
    body: () => ({ email: editor.email, password: { $ne: null } }),
    status: 400,
    field: 'password',
  },
  {
    name: 'POST /api/users/forgot-password with a list as the email',
    method: 'POST',
    path: '/api/users/forgot-password',
    body: { email: ['a@example.test', 'b@example.test'] },
    status: 400,
    field: 'email',
  },
  {
    name: 'POST /api/tracks anonymously',
    method: 'POST',
    path: '/api/tracks',
    body: () => validTrack(),
    status: 403,
  },
]

const reads: HostileCase[] = [
  {
    name: 'GET /api/reviews/%E0%A4%A (malformed percent-encoding)',
    method: 'GET',
    path: '/api/reviews/%E0%A4%A',
    status: 400,
  },
  { name: 'GET /api/tracks/%ZZ', method: 'GET', path: '/api/tracks/%ZZ', status: 400 },
  { name: 'GET /api/reviews/not-an-id', method: 'GET', path: '/api/reviews/not-an-id', status: 404 },
  { name: 'GET /api/reviews/1e308', method: 'GET', path: '/api/reviews/1e308', status: 404 },
  { name: 'GET /api/reviews/-1', method: 'GET', path: '/api/reviews/-1', status: 404 },
  {
    name: 'DELETE /api/reviews/%E0%A4%A as admin',
    method: 'DELETE',
    path: '/api/reviews/%E0%A4%A',
    who: 'admin',
    status: 400,
  },
]

/** Query probes: any answer below 500 without a stack is right; what matters is that nothing else leaks or breaks. */
const probes = [
  '/api/tracks?where[film][equals][$ne]=null',
  '/api/tracks?where[film][in][0][$gt]=0',
  '/api/tracks?where[__proto__][polluted]=yes',
  '/api/tracks?where[constructor][prototype][polluted]=yes',
  '/api/tracks?where[number][greater_than]=abc',
  '/api/tracks?where[number][equals]=1e308',
  '/api/tracks?where[and][0][or][0][nope][equals]=1',
  '/api/tracks?where[title][like][$regex]=.*',
  '/api/reviews?where[_status][equals][$ne]=draft',
  '/api/reviews?where[author][equals][$ne]=null',
  '/api/reviews?where[id][in]=1,2,abc',
  '/api/reviews?depth=1e308&limit=-5&page=abc',
  '/api/reviews?sort=__proto__',
  '/api/reviews?select[__proto__]=true',
  '/api/reviews?draft[$ne]=false',
  '/api/films?joins[tracks][limit]=-1',
  '/api/reviews?where[title][equals]=%00',
]

const send = async (testCase: HostileCase): Promise<{ status: number; text: string }> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  Object.assign(headers, testCase.who === 'admin' ? asAdmin : testCase.who === 'editor' ? asEditor : {})
  const path = typeof testCase.path === 'function' ? testCase.path() : testCase.path
  const body = typeof testCase.body === 'function' ? (testCase.body as () => unknown)() : testCase.body
  const response = await fetch(`${server.url}${path}`, {
    method: testCase.method,
    headers,
    body: testCase.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  })
  return { status: response.status, text: await response.text() }
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/

const names = (text: string, field: string): boolean =>
  field === 'REVIEW_TITLE'
    ? text.includes(review.title)
    : text.includes(`"path":"${field}"`) || text.includes(`"field":"${field}"`) || text.includes(field)

describe('hostile writes over HTTP: refused by name, nothing written', () => {
  const refused = [...tracks, ...reviews, ...others, ...reads]
  let before: string

  beforeAll(async () => {
    before = await dumpDatabase(payload)
  })

  it.each(refused.map((testCase) => ({ ...testCase, label: testCase.name })))(
    'should refuse $label with $status',
    async (testCase) => {
      const { status, text } = await send(testCase)
      expect(status, text).toBe(testCase.status)
      expect(text).not.toMatch(STACK)
      if (testCase.status === 200) {
        expect(text).toContain('"errors"')
      }
      if (testCase.field) {
        expect(names(text, testCase.field), `${text} should name ${testCase.field}`).toBe(true)
      }
    },
  )

  it('should leave every table exactly as it was after all the refused requests', async () => {
    expect(await dumpDatabase(payload)).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).roles).toBeUndefined()
  })

  it.each(probes)('should answer the query probe %s below 500, without a stack', async (path) => {
    const response = await fetch(`${server.url}${path}`, { headers: asEditor })
    const text = await response.text()
    expect(response.status, text).toBeLessThan(500)
    expect(text).not.toMatch(STACK)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('odd but valid text is stored exactly', () => {
  it.each([
    ['right-to-left', 'موسيقى الفيلم \u202Bשיר\u202C'],
    ['emoji and joiners', '🎻 Strings 👩‍🎤 Theme'],
    ['zero-width inside words', 'Zero\u200BWidth\u200DTitle'],
    ['combining marks', 'Cafe\u0301 Noir'],
  ])('should keep a %s title as sent', async (_label, title) => {
    const response = await fetch(`${server.url}/api/tracks`, {
      method: 'POST',
      headers: { ...asEditor, 'content-type': 'application/json' },
      body: JSON.stringify({ film: otherFilm.id, number: 100 + title.length, title, durationSeconds: 61 }),
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: ID } }
    const stored = await payload.findByID({ collection: 'tracks', id: doc.id, depth: 0 })
    expect(stored.title).toBe(title)
  })
})

describe('request size', () => {
  it('should answer 413 to a 12 MB body before reading it, and write nothing', async () => {
    const before = await dumpDatabase(payload)
    const big = JSON.stringify({ ...validTrack(), notes: 'x'.repeat(12 * 1024 * 1024) })
    const response = await fetch(`${server.url}/api/tracks`, {
      method: 'POST',
      headers: { ...asEditor, 'content-type': 'application/json' },
      body: big,
    })
    expect(response.status).toBe(413)
    const text = await response.text()
    expect(text).toMatch(/larger than/)
    expect(text).not.toMatch(STACK)
    expect(await dumpDatabase(payload)).toBe(before)
  })

  it('should stop a chunked body with no declared length at the limit with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) {
          controller.enqueue(chunk)
        } else {
          controller.close()
        }
      },
    })
    const response = await fetch(`${server.url}/api/tracks`, {
      method: 'POST',
      headers: { ...asEditor, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  it('should still take a body just under the limit', async () => {
    const response = await fetch(`${server.url}/api/tracks`, {
      method: 'POST',
      headers: { ...asEditor, 'content-type': 'application/json' },
      body: JSON.stringify({ ...validTrack(), film: otherFilm.id, number: 900, padding: 'n'.repeat(1900 * 1024) }),
    })
    expect(response.status, await response.clone().text()).toBe(201)
  })
})

describe('cookies and CSRF', () => {
  const cookieOf = async (user: TestUser): Promise<string> => {
    const response = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    })
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('payload-token='))
    expect(cookie).toBeDefined()
    return cookie!.split(';')[0]
  }

  it('should ignore the session cookie on a write from a foreign Origin', async () => {
    const cookie = await cookieOf(editor)
    const before = await dumpDatabase(payload)
    const response = await fetch(`${server.url}/api/films`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ title: uniqueTitle('Forged') }),
    })
    expect(response.status).toBe(403)
    expect(await dumpDatabase(payload)).toBe(before)
  })

  it("should accept the cookie from the server's own origin", async () => {
    const cookie = await cookieOf(editor)
    const response = await fetch(`${server.url}/api/films`, {
      method: 'POST',
      headers: { cookie, origin: payload.config.serverURL, 'content-type': 'application/json' },
      body: JSON.stringify({ title: uniqueTitle('Same origin') }),
    })
    expect(response.status).toBe(201)
  })

  it('should set an HttpOnly, SameSite cookie that is secure only when the server URL is https', async () => {
    const response = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: editor.email, password: editor.password }),
    })
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('payload-token='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(/;\s*Secure/i.test(cookie)).toBe(payload.config.serverURL.startsWith('https:'))
  })
})
