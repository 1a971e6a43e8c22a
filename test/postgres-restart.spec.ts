import type { RunningServer } from '../cms/server'

import { execFile } from 'node:child_process'
import { setTimeout as delay } from 'node:timers/promises'
import { promisify } from 'node:util'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { isDatabaseUnavailable } from '../src/db/databaseUnavailable'
import { createUser, loginHeaders, setClock, startTestServer, uniqueTitle } from './helpers'

/**
 * The express server over a real PostgreSQL cluster that is restarted (and stopped, then started)
 * with `pg_ctlcluster` while reads and writes go on over HTTP. Runs as root, like CI.
 */
const run = promisify(execFile)

type Cluster = { version: string; name: string }

/** The local cluster that serves POSTGRES_URL's port, from `pg_lsclusters`. */
const findCluster = async (): Promise<Cluster & { isOnline: boolean }> => {
  const port = new URL(process.env.POSTGRES_URL || 'postgres://127.0.0.1:5432').port || '5432'
  const { stdout } = await run('pg_lsclusters', ['--no-header'])
  const line = stdout
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .find((fields) => fields[2] === port)
  if (!line) {
    throw new Error(`No local PostgreSQL cluster listens on port ${port} (pg_lsclusters): this spec needs one.`)
  }
  return { version: line[0]!, name: line[1]!, isOnline: line[3] === 'online' }
}

const pgCtlCluster = async (action: 'restart' | 'start' | 'stop'): Promise<void> => {
  const { version, name } = await findCluster()
  await run('pg_ctlcluster', [version, name, action])
}

type Sample = { at: number; status: number }

let server: RunningServer
let headers: Record<string, string>

/** A status of 0 means the request itself failed (the server process would be gone). */
const healthStatus = (): Promise<number> =>
  fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
    (response) => response.status,
    () => 0,
  )

/** Polls /healthz until it answers `status`; returns the samples seen. */
const waitForHealth = async (status: number, withinMs = 30_000): Promise<Sample[]> => {
  const samples: Sample[] = []
  const deadline = Date.now() + withinMs
  while (Date.now() < deadline) {
    const answer = await healthStatus()
    samples.push({ at: Date.now(), status: answer })
    if (answer === status) {
      return samples
    }
    await delay(50)
  }
  throw new Error(`/healthz did not answer ${status} within ${withinMs} ms: ${JSON.stringify(samples.slice(-5))}`)
}

const api = (method: string, route: string, body?: unknown, auth = true) =>
  fetch(`${server.url}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? headers : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  })

type Acknowledged = { id: number | string; name: string; at: number }

/** Writers and anonymous readers over HTTP until stopped: which writes were acknowledged, what failed. */
const startLoad = (workers = 3) => {
  const acknowledged: Acknowledged[] = []
  const counts = { writesFailed: 0, reads: 0, readsFailed: 0 }
  /**
   * The statuses of refused requests: a database away is a 503 (try again), never a 500. A write
   * may also meet a 403: Payload's JWT strategy takes a user it cannot look up for no user at all.
   */
  const refusals = { reads: new Set<number | string>(), writes: new Set<number | string>() }
  let isRunning = true
  const loop = async () => {
    while (isRunning) {
      const name = uniqueTitle('Restarted composer')
      const write = await api('POST', '/composers', { name }).catch(() => undefined)
      if (write?.ok) {
        const { doc } = (await write.json()) as { doc: { id: number | string } }
        acknowledged.push({ id: doc.id, name, at: Date.now() })
      } else {
        counts.writesFailed++
        refusals.writes.add(write?.status ?? 'no answer')
      }
      const read = await api('GET', `/composers?limit=5&depth=0&probe=${name}`, undefined, false).catch(() => undefined)
      counts[read?.ok ? 'reads' : 'readsFailed']++
      if (!read?.ok) {
        refusals.reads.add(read?.status ?? 'no answer')
      }
      // Failures come back at once while the database is away: pace the loop instead of spinning.
      await delay(20)
    }
  }
  const loops = Array.from({ length: workers }, loop)
  return {
    acknowledged,
    counts,
    refusals,
    /** Resolves once `count` more writes than now have been acknowledged. */
    waitForWrites: async (count: number, withinMs = 30_000) => {
      const target = acknowledged.length + count
      const deadline = Date.now() + withinMs
      while (acknowledged.length < target) {
        if (Date.now() > deadline) {
          throw new Error(`Only ${acknowledged.length} of ${target} writes acknowledged within ${withinMs} ms.`)
        }
        await delay(20)
      }
    },
    stop: async () => {
      isRunning = false
      await Promise.all(loops)
    },
  }
}

/** Every acknowledged write, read back from the database by id. */
const expectAllKept = async (writes: Acknowledged[]): Promise<void> => {
  const { docs } = await server.payload.find({
    collection: 'composers',
    where: { id: { in: writes.map(({ id }) => id) } },
    select: { name: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const kept = new Map(docs.map((doc) => [String(doc.id), doc.name]))
  const lost = writes.filter(({ id, name }) => kept.get(String(id)) !== name)
  expect(lost, `${lost.length} of ${writes.length} acknowledged writes are missing`).toEqual([])
}

/** A draft queued in the schedule, published by a run of the job (the clock moved past its slot). */
const expectJobPublishes = async (): Promise<void> => {
  const film = (await (await api('POST', '/films', { title: uniqueTitle('After the restart') })).json()) as {
    doc: { id: number }
  }
  const draft = await api('POST', '/reviews?draft=true', { title: uniqueTitle('Due'), film: film.doc.id })
  expect(draft.status).toBe(201)
  const { doc } = (await draft.json()) as { doc: { id: number } }
  const schedule = { enabled: true, weekday: 'monday', time: '09:00', timezone: 'UTC', queue: [doc.id] }
  expect((await api('POST', '/globals/publication-schedule', schedule)).status).toBe(200)
  expect((await api('GET', `/reviews/${doc.id}?depth=0`, undefined, false)).status).toBe(404)

  setClock('2100-01-04T12:00:00Z')
  try {
    const job = await server.payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: 'soundtrack-reviews' })
    const { jobStatus } = await server.payload.jobs.run({ queue: 'soundtrack-reviews' })
    expect(jobStatus?.[String(job.id)]).toEqual({ status: 'success' })
  } finally {
    vi.useRealTimers()
  }
  // Anonymous, so through the public cache: the publication emptied it.
  expect((await api('GET', `/reviews/${doc.id}?depth=0`, undefined, false)).status).toBe(200)
}

// Restarting the cluster would break every other spec running beside it: CI runs this one alone, after the suite.
describe.skipIf(process.env.TEST_DB !== 'postgres' || process.env.RESTART_POSTGRES !== 'true')(
  'a PostgreSQL restart (TEST_DB=postgres RESTART_POSTGRES=true only: restarts the local cluster with pg_ctlcluster, as root)',
  () => {
    beforeAll(async () => {
      expect((await findCluster()).isOnline).toBe(true)
      server = await startTestServer('postgres_restart')
      headers = await loginHeaders(server.url, await createUser(server.payload, 'admin'))
    })

    afterAll(async () => {
      // Whatever failed above, leave PostgreSQL running for the rest of the suite.
      if (!(await findCluster()).isOnline) {
        await pgCtlCluster('start')
      }
      await server?.close()
    })

    it('should answer 503 while the database is restarting and keep every acknowledged write', async () => {
      // A transaction left open across the restart: its client dies idle, and its COMMIT cannot succeed.
      const req = await createLocalReq({}, server.payload)
      await initTransaction(req)
      const held = await server.payload.create({
        collection: 'composers',
        data: { name: uniqueTitle('Held open') },
        depth: 0,
        overrideAccess: true,
        req,
      })
      const load = startLoad()
      await load.waitForWrites(10)
      const samples: Sample[] = []
      const restart = { from: 0, to: 0 }
      // Polls /healthz until it answers 200 after pg_ctlcluster has returned (the cluster is back).
      const watch = (async () => {
        const deadline = Date.now() + 60_000
        while (Date.now() < deadline) {
          const status = await healthStatus()
          samples.push({ at: Date.now(), status })
          if (status === 200 && restart.to > 0) {
            return
          }
          await delay(50)
        }
        throw new Error(`/healthz did not answer 200 after the restart: ${JSON.stringify(samples.slice(-5))}`)
      })()

      restart.from = Date.now()
      await pgCtlCluster('restart')
      restart.to = Date.now()
      await watch
      await load.waitForWrites(10)
      await load.stop()
      // The commit, or the change feed's work just before it on the same dead client, fails.
      const failure = await commitTransaction(req).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure, 'a commit on a lost connection reported as saved').toBeInstanceOf(Error)
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
      await killTransaction(req)
      expect(await server.payload.count({ collection: 'composers', where: { id: { equals: held.id } } })).toEqual({
        totalDocs: 0,
      })

      const during = samples.filter(({ at }) => at >= restart.from)
      const statuses = during.map(({ status }) => status)
      expect(new Set(statuses.filter((status) => status !== 200)), 'every answer while away').toEqual(new Set([503]))
      const awayFrom = during[statuses.indexOf(503)]!.at
      const backAt = during[statuses.lastIndexOf(503) + 1]!.at
      expect(backAt - restart.to, 'ms from pg_ctlcluster returning to /healthz 200').toBeLessThan(10_000)
      const writesMeanwhile = load.acknowledged.filter(({ at }) => at >= restart.from && at <= restart.to).length
      server.payload.logger.info(
        `PostgreSQL restart: pg_ctlcluster took ${restart.to - restart.from} ms; /healthz answered 503 from ` +
          `+${awayFrom - restart.from} ms and 200 again from +${backAt - restart.from} ms; ${writesMeanwhile} writes ` +
          `acknowledged meanwhile, ${load.acknowledged.length} in all, ${load.counts.writesFailed} refused; ` +
          `reads ${load.counts.reads} ok, ${load.counts.readsFailed} failed.`,
      )

      expect([...load.refusals.reads], 'the statuses of refused reads').toEqual(load.refusals.reads.size ? [503] : [])
      const writeRefusals = [...load.refusals.writes].filter((status) => status !== 403)
      expect(writeRefusals, 'the statuses of refused writes').toEqual(writeRefusals.length ? [503] : [])
      await expectAllKept(load.acknowledged)
      await expectJobPublishes()
    })

    it('should answer 503 while the database is stopped and 200 once it is back', async () => {
      try {
        await pgCtlCluster('stop')
        await waitForHealth(503)
        const write = await api('POST', '/composers', { name: uniqueTitle('While away') })
        expect(write.status).toBe(503)
        expect(((await write.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(/try again/)
        expect((await api('GET', `/composers?depth=0&probe=${uniqueTitle('away')}`, undefined, false)).status).toBe(503)
      } finally {
        await pgCtlCluster('start')
      }
      await waitForHealth(200, 10_000)
      const name = uniqueTitle('Back again')
      const write = await api('POST', '/composers', { name })
      expect(write.status).toBe(201)
      const { doc } = (await write.json()) as { doc: { id: number } }
      expect(((await (await api('GET', `/composers/${doc.id}?depth=0`)).json()) as { name: string }).name).toBe(name)
      await expectAllKept([{ id: doc.id, name, at: Date.now() }])
    })
  },
)
