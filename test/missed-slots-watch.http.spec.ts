/*
 * The #16764 failure: nothing runs the job queue (`schedule.runInProcess: false`, and the external cron
 * that should call /api/payload-jobs/run is broken). The schedule.missed alarm must not depend on that
 * queue: the process looks for missed slots itself, once a minute (the clock is moved, never waited on).
 */
import type { IncomingHttpHeaders } from 'node:http'

import type { RunningServer } from '../cms/server'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { createServer } from 'node:http'
import { buildConfig } from 'payload'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { startServer } from '../cms/server'
import { soundtrackReviews } from '../src/index'
import { testDatabaseURI } from './helpers'
import { draftReview, FRIDAYS_IN_NEW_YORK, NOW, S1, SCHEDULE } from './scheduleFixtures'

let server: RunningServer
const received: { headers: IncomingHttpHeaders; body: string }[] = []
const receiver = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk: Buffer) => (body += chunk.toString()))
  request.on('end', () => {
    received.push({ headers: request.headers, body })
    response.writeHead(204).end()
  })
})

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  // Only the interval and the date are fake: the database and HTTP keep their real timers.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true, now: new Date(NOW) })
  const config = buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('missed_slots_watch')),
    editor: lexicalEditor(),
    collections: [{ slug: 'users', auth: true, fields: [] }],
    plugins: [soundtrackReviews({ schedule: { runInProcess: false }, webhooks: { allowPrivateNetworks: true } })],
  })
  server = await startServer({ config, port: 0, admin: false, site: false })
})

afterAll(async () => {
  vi.useRealTimers()
  await server?.close()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

it('should send schedule.missed within a minute of the deadline while no job queue runs', async () => {
  const { payload } = server
  expect(payload.crons, 'no queue runs in this process').toEqual([])
  const { port } = receiver.address() as { port: number }
  const endpoint = await payload.create({
    collection: 'webhook-endpoints',
    data: { url: `http://127.0.0.1:${port}/hooks`, events: ['schedule.missed'] },
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
  })
  const film = await payload.create({ collection: 'films', data: { title: 'Watched film' }, depth: 0 })
  const review = await draftReview(payload, { film: film.id, label: 'Never published' })
  await payload.updateGlobal({ slug: SCHEDULE, data: { ...FRIDAYS_IN_NEW_YORK, queue: [review] }, depth: 0 })

  // The look a minute later falls four minutes after the slot: not missed yet.
  vi.setSystemTime(new Date(Date.parse(S1) + 3 * 60_000))
  await vi.advanceTimersByTimeAsync(60_000)
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(received.map(({ body }) => body)).toEqual([])

  // Six minutes after: the next look finds it, and sends it once.
  vi.setSystemTime(new Date(Date.parse(S1) + 5 * 60_000))
  await vi.advanceTimersByTimeAsync(60_000)
  await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1)
  await vi.advanceTimersByTimeAsync(60_000)
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(received).toHaveLength(1)

  const body = new Webhook(endpoint.secret as string).verify(
    received[0].body,
    received[0].headers as Record<string, string>,
  )
  expect(body).toMatchObject({ type: 'schedule.missed', data: { id: review, scheduledFor: S1 } })
})
