/*
 * Found from outside: values of the right field but the wrong shape (each a 400 naming the field, with
 * nothing written), and the versions routes of collections that keep none (a 404, not a 500).
 */
import type { StaffServer } from './helpers'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { loginHeaders, startStaffServer, uniqueTitle } from './helpers'

let staff: StaffServer
let admin: Record<string, string>

const send = async (method: string, path: string, body: unknown) => {
  const response = await fetch(`${staff.server.url}${path}`, {
    method,
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      doc?: Record<string, unknown>
      errors?: { data?: { errors?: { path: string; message: string }[] } }[]
    },
  }
}

const refusedPaths = (body: Awaited<ReturnType<typeof send>>['body']) =>
  (body.errors ?? []).flatMap((error) => error.data?.errors ?? []).map(({ path }) => path)

beforeAll(async () => {
  staff = await startStaffServer('input_shapes')
  admin = await loginHeaders(staff.server.url, staff.admin)
})

afterAll(async () => {
  await staff?.server.close()
})

it.each([7, true, 1.5, ['monday'], 'someday'])(
  'should refuse the schedule’s weekday %j with a 400 naming weekday, and keep the schedule',
  async (weekday) => {
    const saved = await send('POST', '/api/globals/publication-schedule', {
      enabled: true,
      weekday: 'friday',
      time: '09:00',
      timezone: 'UTC',
    })
    expect(saved.status).toBe(200)
    const refused = await send('POST', '/api/globals/publication-schedule', { weekday })
    expect(refused.status).toBe(400)
    expect(refusedPaths(refused.body)).toEqual(['weekday'])
    const schedule = await staff.payload.findGlobal({ slug: 'publication-schedule', depth: 0 })
    expect(schedule.weekday).toBe('friday')
  },
)

it('should refuse a review’s _status other than draft or published', async () => {
  const film = await staff.payload.create({ collection: 'films', data: { title: uniqueTitle('Film') }, depth: 0 })
  const created = await send('POST', '/api/reviews', { title: uniqueTitle('Out'), film: film.id, _status: 'published' })
  expect(created.status).toBe(201)
  const id = created.body.doc!.id as number
  const refused = await send('PATCH', `/api/reviews/${id}`, { _status: 'bogus' })
  expect(refused.status).toBe(400)
  expect(refusedPaths(refused.body)).toEqual(['_status'])
  const stored = await staff.payload.findByID({ collection: 'reviews', id, depth: 0 })
  expect(stored._status).toBe('published')
})

it('should refuse enabled: null on a webhook endpoint, which would be neither on nor off', async () => {
  const created = await send('POST', '/api/webhook-endpoints', { url: 'https://93.184.216.34/hook' })
  expect(created.status).toBe(201)
  const id = created.body.doc!.id as number
  const refused = await send('PATCH', `/api/webhook-endpoints/${id}`, { enabled: null })
  expect(refused.status).toBe(400)
  expect(refusedPaths(refused.body)).toEqual(['enabled'])
  const stored = await staff.payload.findByID({ collection: 'webhook-endpoints', id, depth: 0 })
  expect(stored.enabled).toBe(true)
})

it('should name the value that is no option, not the list it came in', async () => {
  const refused = await send('POST', '/api/webhook-endpoints', {
    url: 'https://93.184.216.34/hook',
    events: ['review.published', 'bogus'],
  })
  expect(refused.status).toBe(400)
  const [error] = (refused.body.errors ?? []).flatMap((each) => each.data?.errors ?? [])
  expect(error).toMatchObject({ path: 'events', message: expect.stringContaining('bogus') })
})

it('should answer 404, never 500, for the versions of a collection or global that keeps none, Payload’s own included', async () => {
  const editor = await loginHeaders(staff.server.url, staff.editor)
  const collections = ['films', 'tracks', 'composers', 'users', 'webhook-endpoints', 'webhook-deliveries']
  const payloads = ['payload-locked-documents', 'payload-preferences', 'payload-jobs']
  for (const base of [...collections, ...payloads].map((slug) => `/api/${slug}`)) {
    for (const [method, path] of [
      ['GET', `${base}/versions`],
      ['GET', `${base}/versions/1`],
      ['POST', `${base}/versions/1`],
    ]) {
      for (const headers of [admin, editor]) {
        const response = await fetch(`${staff.server.url}${path}`, { method, headers })
        expect(response.status, `${method} ${path}`).toBe(404)
      }
    }
  }
  for (const [method, path] of [
    ['GET', '/api/globals/publication-schedule/versions'],
    ['GET', '/api/globals/publication-schedule/versions/1'],
    ['POST', '/api/globals/publication-schedule/versions/1'],
  ]) {
    expect((await fetch(`${staff.server.url}${path}`, { method, headers: admin })).status, `${method} ${path}`).toBe(
      404,
    )
  }
  const reviews = await fetch(`${staff.server.url}/api/reviews/versions?depth=0`, { headers: admin })
  expect(reviews.status, 'reviews keep versions').toBe(200)
})

it('should answer 404 saying so, never 500, for POST /api/users/verify/:token where users verify no e-mail', async () => {
  for (const headers of [{}, admin]) {
    const response = await fetch(`${staff.server.url}/api/users/verify/abc`, { method: 'POST', headers })
    expect(response.status).toBe(404)
    expect(JSON.stringify(await response.json())).toContain('users does not verify e-mail addresses')
  }
})
