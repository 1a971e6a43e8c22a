import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RunningServer } from '../src/server'
import { testDatabaseURI } from './helpers'

let server: RunningServer

beforeAll(async () => {
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.DATABASE_URI = testDatabaseURI('server')
  const { default: config } = await import('../src/payload.config')
  const { startServer } = await import('../src/server')
  server = await startServer({ config, port: 0, admin: false })
})

afterAll(async () => {
  await server?.close()
})

describe('server', () => {
  it('should answer healthz', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, db: 'sqlite' })
    const reg = await fetch(`${server.url}/api/users/first-register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.c', password: 'secret123' }) })
    const body = await reg.json()
    console.log(reg.status, JSON.stringify(body).slice(0, 500))
    const gql = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Films { docs { title } } }' }) })
    console.log(gql.status, await gql.text())
  })
})
