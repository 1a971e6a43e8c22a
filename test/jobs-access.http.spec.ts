import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser, loginHeaders, startTestServer } from './helpers'

const SECRET = 'cron-secret-for-tests'
let server: RunningServer

beforeAll(async () => {
  process.env.CRON_SECRET = SECRET
  server = await startTestServer('jobs-access')
})

afterAll(async () => {
  delete process.env.CRON_SECRET
  await server?.close()
})

const runQueue = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/payload-jobs/run?queue=soundtrack-reviews`, { headers })

describe('running the queue from an external cron', () => {
  it('should run the queue for a caller holding CRON_SECRET', async () => {
    const response = await runQueue({ Authorization: `Bearer ${SECRET}` })
    expect(response.status).toBe(200)
  })

  it('should refuse anonymous callers and a wrong secret', async () => {
    expect((await runQueue()).status).toBe(401)
    expect((await runQueue({ Authorization: 'Bearer wrong-secret-of-same-len' })).status).toBe(401)
  })

  it('should let an admin run it and refuse an editor', async () => {
    const admin = await createUser(server.payload, 'admin')
    const editor = await createUser(server.payload, 'editor')
    expect((await runQueue(await loginHeaders(server.url, admin))).status).toBe(200)
    expect((await runQueue(await loginHeaders(server.url, editor))).status).toBe(401)
  })
})

describe('who runs the queue in-process', () => {
  it('should autorun our queue and `default` only in the instance that claimed the job runner', async () => {
    const { autoRun } = server.payload.config.jobs
    const crons = typeof autoRun === 'function' ? await autoRun(server.payload) : autoRun
    expect(crons?.map((cron) => cron.queue).sort()).toEqual(['default', 'soundtrack-reviews'])
    const other = { ...server.payload } as typeof server.payload
    const elsewhere = typeof autoRun === 'function' ? await autoRun(other) : autoRun
    expect(elsewhere).toEqual([])
  })
})
