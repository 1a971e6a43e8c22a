import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestServer, uniqueSuffix } from './helpers'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer('first_user')
})

afterAll(async () => {
  await server?.close()
})

// Each registration hashes a password and they queue behind one another: about 12 s a round on PostgreSQL.
const ROUNDS = 3
const RACERS = 8

const register = async (index: number): Promise<number> => {
  const response = await fetch(`${server.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `racer-${index}-${uniqueSuffix()}@example.test`,
      password: `pw-${uniqueSuffix()}-Secret!`,
      roles: ['admin'],
    }),
  })
  await response.arrayBuffer()
  return response.status
}

describe(`first registrations racing (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it(`should make exactly one admin when ${RACERS} first-registers race, ${ROUNDS} times over`, async () => {
    const { payload } = server
    for (let round = 0; round < ROUNDS; round++) {
      await payload.delete({ collection: 'users', where: { id: { exists: true } }, overrideAccess: true })
      const statuses = await Promise.all(Array.from({ length: RACERS }, (_, index) => register(index)))
      expect(statuses.filter((status) => status === 200)).not.toHaveLength(0)
      expect(
        statuses.every((status) => status === 200 || (status >= 400 && status < 500)),
        String(statuses),
      ).toBe(true)
      const { docs } = await payload.find({ collection: 'users', pagination: false, depth: 0, overrideAccess: true })
      const admins = docs.filter((user) => (user.roles as string[]).includes('admin'))
      expect(admins, `round ${round}: ${JSON.stringify(docs.map((user) => user.roles))}`).toHaveLength(1)
      expect(docs.every((user) => (user.roles as string[]).includes('admin') || String(user.roles) === 'editor')).toBe(
        true,
      )
    }
  }, 180_000)
})
