import type { ChildProcess } from 'node:child_process'
import type { Payload } from 'payload'

import type { ID } from '../src/relationID'

import { spawn } from 'node:child_process'
import { getPayload } from 'payload'
import { afterAll, describe, expect, it, vi } from 'vitest'

import { createPostgresDatabase, setClock, testDatabaseURI, uniqueTitle } from './helpers'
import { publishedVersionCount } from './scheduleFixtures'

const isPostgres = !process.env.MONGODB_URI && process.env.TEST_DB === 'postgres'
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const DAY = 24 * 60 * 60 * 1000

type Instance = { url: string; output: () => string; stop: () => Promise<void> }

const running: Instance[] = []

/**
 * `npm start` in a child process (production mode, API only, the demo seed as asked) on `uri`;
 * resolves once it logs its URL, i.e. once migrations ran and the port is open.
 */
const startInstance = (uri: string, env: Record<string, string> = {}): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['scripts/node.mjs', 'cms/start.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URI: uri,
        PAYLOAD_SECRET: 'test-secret-not-for-production',
        PORT: '0',
        SERVE_ADMIN: 'false',
        SEED_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    const instance: Omit<Instance, 'url'> = {
      output: () => output,
      stop: async () => {
        child.kill('SIGTERM')
        await exited
      },
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /API: (http:\/\/\S+)\/api /.exec(output)?.[1]
      if (url) {
        child.stdout?.off('data', onData)
        child.stdout?.on('data', (more: Buffer) => (output += more.toString()))
        const started = { ...instance, url }
        running.push(started)
        resolve(started)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before listening:\n${output}`)))
  })

afterAll(async () => {
  await Promise.all(running.map((instance) => instance.stop()))
})

describe('npm start in production on an empty database', () => {
  it('should apply the committed migrations, load the demo and answer /healthz and the API', async () => {
    const instance = await startInstance(testDatabaseURI('production_start'), { SEED_DEMO: 'true' })
    const health = await fetch(`${instance.url}/healthz`)
    expect(health.status).toBe(200)
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true)
    const films = (await (await fetch(`${instance.url}/api/films?depth=0`)).json()) as { totalDocs: number }
    expect(films.totalDocs).toBeGreaterThan(0)
    const schedule = await fetch(`${instance.url}/api/schedule`)
    expect(schedule.status).toBe(200)
    expect(instance.output()).toMatch(/Migrated: +\S+_initial/)
    expect(instance.output()).not.toMatch(/relation "[^"]+" does not exist|no such table|ERROR/)
    await instance.stop()
  })
})

describe.runIf(isPostgres)('two instances on one PostgreSQL database', () => {
  let payload: Payload | undefined

  afterAll(async () => {
    vi.useRealTimers()
    await payload?.destroy()
  })

  it('should migrate an empty database once when both start together, then publish every due review exactly once, dequeue it once and record no error', async () => {
    const uri = testDatabaseURI('two_instances')
    await createPostgresDatabase(uri)

    // Both start at once on the empty database and run the job every second.
    const every = { PUBLISH_CRON: '* * * * * *' }
    const [first, second] = await Promise.all([startInstance(uri, every), startInstance(uri, every)])
    const migrated = [first, second].filter((instance) => /Migrated: +\S+_initial/.test(instance.output()))
    expect(migrated, 'instances that applied the initial migration').toHaveLength(1)

    process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
    process.env.DATABASE_URI = uri
    // The instances migrated this database: this test's own connection must not push a schema.
    process.env.PAYLOAD_MIGRATING = 'true'
    const { default: config } = await import('../cms/payload.config')
    payload = await getPayload({ config })
    delete process.env.PAYLOAD_MIGRATING
    const local = payload

    // Two weeks ago the queue was saved: its first two weekly slots have passed, the other two not.
    const realNow = Date.now()
    const savedAt = setClock(new Date(realNow - 14 * DAY))
    const weekday = WEEKDAYS[new Date(realNow - 13 * DAY).getUTCDay()]
    const film = await local.create({ collection: 'films', data: { title: uniqueTitle('Two instances') }, depth: 0 })
    const reviews: ID[] = []
    for (let index = 0; index < 4; index++) {
      const review = await local.create({
        collection: 'reviews',
        data: { title: uniqueTitle(`Instance review ${index}`), film: film.id, _status: 'draft' },
        draft: true,
        depth: 0,
      })
      reviews.push(review.id)
    }
    await local.updateGlobal({
      slug: 'publication-schedule',
      data: { enabled: true, weekday, time: '00:00', timezone: 'UTC', queue: reviews, skipDates: [] },
      depth: 0,
    })
    vi.useRealTimers()
    expect(savedAt.getTime()).toBeLessThan(realNow)

    const [a, b, c, d] = reviews
    const isPublished = async (id: ID) =>
      (await local.find({ collection: 'reviews', where: { id: { equals: id } }, depth: 0 })).totalDocs === 1
    const readSchedule = () => local.findGlobal({ slug: 'publication-schedule', depth: 0 })
    await vi.waitFor(
      async () => {
        expect(await isPublished(a)).toBe(true)
        expect(await isPublished(b)).toBe(true)
      },
      { timeout: 30_000, interval: 250 },
    )
    // Let both instances run the job again after the publication: nothing may be published twice.
    const publishedBy = Date.now()
    await vi.waitFor(
      async () => {
        const { lastRunAt } = await readSchedule()
        expect(new Date(lastRunAt as string).getTime()).toBeGreaterThan(publishedBy + 2_000)
      },
      { timeout: 30_000, interval: 250 },
    )

    const publishedVersions = (id: ID) => publishedVersionCount(local, id)
    expect(await publishedVersions(a)).toBe(1)
    expect(await publishedVersions(b)).toBe(1)
    expect(await publishedVersions(c)).toBe(0)
    expect(await publishedVersions(d)).toBe(0)
    const schedule = await readSchedule()
    expect((schedule.queue as ID[]).map(String)).toEqual([c, d].map(String))
    expect(schedule.lastError ?? null).toBeNull()
    const failedJobs = await local.find({ collection: 'payload-jobs', where: { hasError: { equals: true } }, depth: 0 })
    expect(failedJobs.docs.map((job) => job.error)).toEqual([])
    // Payload's runner may log that both instances picked the same job run (see README); our task never fails.
    for (const instance of [first, second]) {
      expect(instance.output()).not.toMatch(/deadlock detected|duplicate key|could not serialize/i)
    }
  })
})
