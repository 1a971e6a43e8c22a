import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { countDocs, createUser, expectAPIError, loginHeaders, startTestServer, uniqueSuffix } from './helpers'

let server: RunningServer
let payload: Payload

beforeAll(async () => {
  server = await startTestServer('users')
  payload = server.payload
})

afterAll(async () => {
  await server?.close()
})

const postJSON = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

const patchJSON = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

const storedRoles = async (id: number | string): Promise<string[]> => {
  const user = await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })
  return [...((user as { roles?: string[] }).roles ?? [])].sort()
}

const newCredentials = () => ({
  email: `person-${uniqueSuffix()}@example.test`,
  password: `pw-${uniqueSuffix()}-Secret!`,
})

// The first two tests need the fresh, empty database; they run first, in this order.
describe('first user', () => {
  it('should start with no users and no default credentials', async () => {
    expect(await countDocs(payload, 'users')).toBe(0)
    const init = await fetch(`${server.url}/api/users/init`)
    expect(init.status).toBe(200)
    expect(await init.json()).toEqual({ initialized: false })
    const login = await postJSON('/api/users/login', { email: 'admin@example.com', password: 'admin' })
    expect(login.status).toBe(401)
  })

  it("should make the first user registered over HTTP an admin even when it asks for ['editor']", async () => {
    expect(await countDocs(payload, 'users')).toBe(0)
    const credentials = newCredentials()
    const response = await postJSON('/api/users/first-register', { ...credentials, roles: ['editor'] })
    const body = (await response.json()) as { user?: { id: number | string; roles?: string[] }; token?: string }
    expect(response.status).toBe(200)
    expect(typeof body.token).toBe('string')
    expect(body.user?.roles).toEqual(['admin'])
    expect(await storedRoles(body.user!.id)).toEqual(['admin'])

    const me = await fetch(`${server.url}/api/users/me`, { headers: await loginHeaders(server.url, credentials) })
    expect(((await me.json()) as { user: { roles: string[] } }).user.roles).toEqual(['admin'])
  })

  it('should refuse a second first-register once a user exists', async () => {
    await createUser(payload, 'admin')
    const before = await countDocs(payload, 'users')
    const response = await postJSON('/api/users/first-register', { ...newCredentials(), roles: ['admin'] })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(await countDocs(payload, 'users')).toBe(before)
  })
})

describe('later users', () => {
  it('should make a user an admin creates without roles an editor', async () => {
    const admin = await createUser(payload, 'admin')
    const headers = await loginHeaders(server.url, admin)
    const response = await postJSON('/api/users', newCredentials(), headers)
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: number | string; roles: string[] } }
    expect(doc.roles).toEqual(['editor'])
    expect(await storedRoles(doc.id)).toEqual(['editor'])

    const local = await payload.create({
      collection: 'users',
      data: newCredentials() as never,
      overrideAccess: false,
      user: admin,
    })
    expect(await storedRoles(local.id)).toEqual(['editor'])
  })

  it('should let an admin create another admin', async () => {
    const admin = await createUser(payload, 'admin')
    const headers = await loginHeaders(server.url, admin)
    const response = await postJSON('/api/users', { ...newCredentials(), roles: ['admin'] }, headers)
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { id: number | string } }
    expect(await storedRoles(doc.id)).toEqual(['admin'])
  })

  it('should not let an editor give itself admin (Local API and HTTP)', async () => {
    await createUser(payload, 'admin')
    const editor = await createUser(payload, 'editor')

    const local = await payload
      .update({ collection: 'users', id: editor.id, data: { roles: ['admin'] }, overrideAccess: false, user: editor })
      .then(
        (doc) => ({ refused: false, roles: (doc as { roles?: string[] }).roles }),
        () => ({ refused: true, roles: undefined }),
      )
    expect(local.refused || !local.roles?.includes('admin')).toBe(true)
    expect(await storedRoles(editor.id)).toEqual(['editor'])

    const headers = await loginHeaders(server.url, editor)
    const response = await patchJSON(`/api/users/${editor.id}`, { roles: ['admin', 'editor'] }, headers)
    expect([200, 403]).toContain(response.status)
    expect(await storedRoles(editor.id)).toEqual(['editor'])

    const me = await fetch(`${server.url}/api/users/me`, { headers: await loginHeaders(server.url, editor) })
    expect(((await me.json()) as { user: { roles: string[] } }).user.roles).toEqual(['editor'])
  })

  it('should not let an editor create users or change another user', async () => {
    const admin = await createUser(payload, 'admin')
    const editor = await createUser(payload, 'editor')
    const before = await countDocs(payload, 'users')
    await expectAPIError(
      () =>
        payload.create({
          collection: 'users',
          data: { ...newCredentials(), roles: ['admin'] } as never,
          overrideAccess: false,
          user: editor,
        }),
      403,
    )
    const headers = await loginHeaders(server.url, editor)
    const created = await postJSON('/api/users', newCredentials(), headers)
    expect(created.status).toBe(403)
    expect(await countDocs(payload, 'users')).toBe(before)

    const changed = await patchJSON(`/api/users/${admin.id}`, { email: newCredentials().email }, headers)
    expect(changed.status).toBe(403)
    const stored = await payload.findByID({ collection: 'users', id: admin.id, depth: 0, overrideAccess: true })
    expect(stored.email).toBe(admin.email)
  })

  it('should not let an editor list or read other users', async () => {
    const admin = await createUser(payload, 'admin')
    const editor = await createUser(payload, 'editor')
    expect(await countDocs(payload, 'users')).toBeGreaterThan(1)

    const local = await payload.find({
      collection: 'users',
      overrideAccess: false,
      user: editor,
      depth: 0,
      pagination: false,
    })
    expect(local.docs.map((user) => user.id)).toEqual([editor.id])
    await expectAPIError(
      () => payload.findByID({ collection: 'users', id: admin.id, overrideAccess: false, user: editor }),
      404,
    )

    const headers = await loginHeaders(server.url, editor)
    const list = await fetch(`${server.url}/api/users?limit=100&depth=0`, { headers })
    expect(list.status).toBe(200)
    const text = await list.text()
    expect(text).not.toContain(admin.email)
    const body = JSON.parse(text) as { docs: Array<{ id: number | string }>; totalDocs: number }
    expect(body.docs.map((user) => user.id)).toEqual([editor.id])
    expect(body.totalDocs).toBe(1)

    const other = await fetch(`${server.url}/api/users/${admin.id}`, { headers })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain(admin.email)
  })

  it('should not let anonymous visitors list users', async () => {
    await createUser(payload, 'admin')
    const response = await fetch(`${server.url}/api/users?limit=100`)
    expect(response.status).toBe(403)
    await expectAPIError(() => payload.find({ collection: 'users', overrideAccess: false }), 403)
  })

  it('should let an admin list every user', async () => {
    const admin = await createUser(payload, 'admin')
    const editor = await createUser(payload, 'editor')
    const list = await payload.find({
      collection: 'users',
      overrideAccess: false,
      user: admin,
      depth: 0,
      pagination: false,
    })
    expect(list.docs.map((user) => user.id)).toEqual(expect.arrayContaining([admin.id, editor.id]))
    expect(list.docs).toHaveLength(await countDocs(payload, 'users'))
  })
})

describe('forgot password', () => {
  it('should answer 200 at once for a known and an unknown address, and keep a save made meanwhile', async () => {
    const admin = await createUser(payload, 'admin')
    const film = await payload.create({ collection: 'films', data: { title: `Saved meanwhile ${uniqueSuffix()}` } })
    const asAdmin = await loginHeaders(server.url, admin)
    const forgot = (email: string) => postJSON('/api/users/forgot-password', { email })
    const [known, save, unknown] = await Promise.all([
      forgot(admin.email),
      patchJSON(`/api/films/${film.id}`, { director: 'Saved while a reset was asked for' }, asAdmin),
      forgot(`nobody-${uniqueSuffix()}@example.test`),
    ])
    expect([known.status, save.status, unknown.status]).toEqual([200, 200, 200])
    const user = await payload.findByID({ collection: 'users', id: admin.id, depth: 0, showHiddenFields: true })
    expect((user as { resetPasswordToken?: string }).resetPasswordToken).toEqual(expect.any(String))
    expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({
      director: 'Saved while a reset was asked for',
    })
  })
})
