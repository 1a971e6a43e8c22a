import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { defaultSlugs as slugs } from 'payload-soundtrack-reviews'

import { seedDemo } from '../../cms/seed'
import { login, openBrowser, startAdminServer } from './harness'

const admin = { email: 'origin-admin@example.test', password: 'e2e-Origin-password-1' }

let server: RunningServer
let session: BrowserSession

/** A request with the Host (and X-Forwarded-Host) a browser or proxy would send, which fetch cannot set. */
const requestAs = (
  method: string,
  requestPath: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path: requestPath, headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    outgoing.once('error', reject)
    outgoing.end()
  })

describe('the admin at another address than SERVER_URL', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'e2e_admin_origin',
      beforeListen: async (payload) => {
        await seedDemo({ payload })
        await payload.create({ collection: 'users', data: { ...admin, roles: ['admin'] }, overrideAccess: true })
      },
    })
  })

  afterAll(async () => {
    await session?.close()
    await server?.close()
  })

  it('should sign in from 127.0.0.1 and list the Fallout film’s tracks and review', async () => {
    const serverOrigin = new URL(server.payload.config.serverURL).origin
    expect(serverOrigin).toBe(`http://localhost:${server.port}`)
    session = await openBrowser(`http://127.0.0.1:${server.port}`)
    const { page } = session
    await login(page, admin)

    const { docs } = await server.payload.find({
      collection: slugs.films,
      where: { title: { like: 'Fallout' } },
      depth: 0,
      limit: 1,
      overrideAccess: true,
    })
    await page.goto(`http://127.0.0.1:${server.port}/admin/collections/${slugs.films}/${docs[0].id}`)
    await expect.poll(() => page.locator('#field-tracks tbody tr').count(), { timeout: 30_000 }).toBe(26)
    expect(await page.locator('#field-tracks tbody tr').first().textContent()).toContain('A Storm Is Coming')
    await expect.poll(() => page.locator('#field-reviews tbody tr').count()).toBe(1)
    // The loopback alias led to the server's own origin, where the admin's API calls and its cookie belong.
    expect(new URL(page.url()).origin).toBe(serverOrigin)
  })

  it('should answer an admin opened at a foreign host with 421 and a page naming SERVER_URL', async () => {
    const adminURL = `http://localhost:${server.port}/admin`
    const answer = await requestAs('GET', '/admin/collections/films?limit=10', {
      host: 'cms-internal.example:8080',
      accept: 'text/html',
    })
    expect(answer.status).toBe(421)
    expect(answer.headers['content-type']).toMatch(/^text\/html/)
    expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', 'content-language': 'en' })
    expect(answer.headers.vary).toMatch(/Accept-Language/i)
    expect(answer.body).toContain('<h1>This admin is served at another address</h1>')
    expect(answer.body).toContain(
      `<a href="${adminURL}/collections/films">Open the admin at ${adminURL}/collections/films</a>`,
    )
    expect(answer.body).toContain('You opened it at <code>cms-internal.example:8080</code>')

    // In the editor's language when the admin speaks it (German, French), else English.
    const german = await requestAs('GET', '/admin', {
      host: 'cms-internal.example:8080',
      'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
    })
    expect(german.status).toBe(421)
    expect(german.headers['content-language']).toBe('de')
    expect(german.body).toContain('<html lang="de">')
    expect(german.body).toContain('<h1>Dieser Admin ist unter einer anderen Adresse erreichbar</h1>')
    const spanish = await requestAs('GET', '/admin', { host: 'cms-internal.example:8080', 'accept-language': 'es' })
    expect(spanish.headers['content-language']).toBe('en')

    const head = await requestAs('HEAD', '/admin', { host: 'cms-internal.example:8080' })
    expect(head).toMatchObject({ status: 421, body: '' })

    // Whatever the Host header carries is shown as text, never as markup.
    const hostile = await requestAs('GET', '/admin', { host: '<script>x</script>' })
    expect(hostile.status).toBe(421)
    expect(hostile.body).not.toContain('<script>')
  })

  it('should serve the admin behind a proxy that names the public host in X-Forwarded-Host', async () => {
    const answer = await requestAs('GET', '/admin/login', {
      host: 'cms-internal.example:8080',
      'x-forwarded-host': `localhost:${server.port}`,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('<title>Login')
  })

  it('should redirect a loopback alias to the server’s own origin, and never another port', async () => {
    const alias = await requestAs('GET', '/admin/login?redirect=%2Fadmin', { host: `[::1]:${server.port}` })
    expect(alias.status).toBe(307)
    expect(alias.headers.location).toBe(`http://localhost:${server.port}/admin/login?redirect=%2Fadmin`)

    const otherPort = await requestAs('GET', '/admin', { host: `127.0.0.1:${server.port + 1}` })
    expect(otherPort.status).toBe(421)
  })
})
