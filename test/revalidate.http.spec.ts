/*
 * `revalidate` where the host's cache function needs a request (Next's `revalidateTag` in the publishing
 * job's cron): what throws is called again through a signed request to this process, and only this
 * process can sign one. `npm run test:consumer` proves the same with Next's own revalidateTag.
 */
import type { RunningServer } from '../cms/server'
import type { RevalidateArgs } from '../src/types'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { createServer } from 'node:net'
import { buildConfig, createLocalReq } from 'payload'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { startServer } from '../cms/server'
import { soundtrackReviews } from '../src/index'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { setClock, testDatabaseURI, uniqueTitle } from './helpers'

let server: RunningServer
/** Calls that went through, by review id and event. */
const heard: string[] = []
/** The first call for each change throws, as revalidateTag does outside a request. */
const thrownOnce = new Set<string>()

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const postRevalidate = (headers: Record<string, string>, body: string) =>
  fetch(`${server.url}/api/soundtrack-reviews/revalidate`, { method: 'POST', headers, body })

beforeAll(async () => {
  const port = await freePort()
  const config = buildConfig({
    secret: 'test-secret-not-for-production',
    serverURL: `http://127.0.0.1:${port}`,
    db: databaseAdapter(testDatabaseURI('revalidate')),
    editor: lexicalEditor(),
    collections: [{ slug: 'users', auth: true, fields: [] }],
    plugins: [
      soundtrackReviews({
        siteUrl: 'https://soundtracks.example',
        revalidate: ({ event, data }: RevalidateArgs) => {
          const key = `${event}:${String(data.id)}`
          if (!thrownOnce.has(key)) {
            thrownOnce.add(key)
            throw new Error('Invariant: static generation store missing in revalidateTag')
          }
          heard.push(key)
        },
      }),
    ],
  })
  server = await startServer({ config, port, admin: false, site: false })
})

afterAll(async () => {
  await server?.close()
})

it('should call revalidate again inside a request when it throws outside one (the job’s publish)', async () => {
  const { payload } = server
  const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Film') }, depth: 0 })
  const draft = await payload.create({
    collection: 'reviews',
    data: { title: uniqueTitle('Queued'), film: film.id },
    draft: true,
    depth: 0,
  })
  setClock('2026-12-01T12:00:00.000Z')
  try {
    await payload.updateGlobal({
      slug: 'publication-schedule',
      data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'UTC', queue: [draft.id] },
    })
    setClock('2026-12-04T09:00:05.000Z')
    const run = await publishDueReviews({ req: await createLocalReq({}, payload), now: new Date() })
    expect(run.published).toEqual([draft.id])
  } finally {
    vi.useRealTimers()
  }
  expect(heard).toContain(`review.published:${String(draft.id)}`)
  expect(thrownOnce).toContain(`review.published:${String(draft.id)}`)
})

it('should refuse a revalidate request this site did not sign, and hear nothing of it', async () => {
  const body = JSON.stringify({ changes: [{ event: 'review.updated', tags: ['reviews'], urls: [], data: { id: 1 } }] })
  const before = heard.length
  const now = Math.floor(Date.now() / 1000)
  const attempts: Record<string, string>[] = [
    {},
    { 'webhook-id': 'x', 'webhook-timestamp': String(now), 'webhook-signature': 'v1,AAAA' },
    // A stale timestamp (a replay) with a plausible but wrong signature.
    { 'webhook-id': 'x', 'webhook-timestamp': String(now - 3600), 'webhook-signature': 'v1,AAAA' },
  ]
  for (const headers of attempts) {
    const response = await postRevalidate({ 'content-type': 'application/json', ...headers }, body)
    expect(response.status, JSON.stringify(headers)).toBe(401)
  }
  expect(heard.length).toBe(before)
})
