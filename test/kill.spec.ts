import type { ChildProcess } from 'node:child_process'

import { createClient } from '@libsql/client'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { freePort } from './e2e/harness'

/**
 * The real server as a child process on a SQLite file, killed with SIGKILL while the publishing job
 * works through a queue of due reviews, then started again on the same file.
 */
const REVIEWS = 60
const MAX_KILLS = 3

const dir = mkdtempSync(path.join(tmpdir(), 'soundtrack-kill-'))
const dbFile = path.join(dir, 'kill.db')
let child: ChildProcess | undefined
let port = 0

/** On Node 20, importing Lexical outside Next's bundle needs the `development` condition (see README). */
const nodeConditions = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []

afterAll(() => {
  child?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const startChild = (): void => {
  // The server itself, not a wrapper that starts it: SIGKILL reaches no grandchild.
  child = spawn(process.execPath, [...nodeConditions, '--import', 'tsx', 'test/fixtures/apiServer.ts'], {
    env: {
      ...process.env,
      DATABASE_URI: `file:${dbFile}`,
      PORT: String(port),
      SEED_DEMO: 'false',
      PAYLOAD_SECRET: 'kill-test-secret',
      // Look for due reviews every second, so a run is under way soon after they fall due.
      PUBLISH_CRON: '* * * * * *',
    },
    stdio: 'ignore',
  })
}

const waitHealthy = async (): Promise<void> => {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    const isUp = await fetch(`http://localhost:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (isUp) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('The server did not answer /healthz within 90 s.')
}

const killChild = async (): Promise<void> => {
  const exited = new Promise((resolve) => child!.once('exit', resolve))
  child!.kill('SIGKILL')
  await exited
}

const api = async (method: string, route: string, token: string, body?: unknown) => {
  const response = await fetch(`http://localhost:${port}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await response.json()) as Record<string, unknown>
  if (!response.ok) {
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`)
  }
  return json
}

describe.skipIf(process.env.TEST_DB === 'postgres' || Boolean(process.env.MONGODB_URI))(
  'kill -9 while publishing',
  () => {
    it('should publish every due review exactly once across SIGKILLs and restarts, leaving the queue right', async () => {
      port = await freePort()
      startChild()
      await waitHealthy()
      const register = await fetch(`http://localhost:${port}/api/users/first-register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@kill.test', password: 'kill-test-Secret!' }),
      })
      const { token } = (await register.json()) as { token: string }
      const film = (await api('POST', '/films', token, { title: 'Killed Film' })).doc as { id: number }
      const ids: number[] = []
      for (let index = 0; index < REVIEWS; index++) {
        const created = await api('POST', '/reviews?draft=true', token, { title: `Due ${index}`, film: film.id })
        ids.push((created.doc as { id: number }).id)
      }
      await api('POST', '/globals/publication-schedule', token, {
        enabled: true,
        weekday: 'monday',
        time: '09:00',
        timezone: 'UTC',
        queue: ids,
      })

      const db = createClient({ url: `file:${dbFile}` })
      await db.execute('PRAGMA busy_timeout = 5000')
      const published = async () =>
        Number((await db.execute("SELECT count(*) AS n FROM reviews WHERE _status = 'published'")).rows[0]?.n ?? 0)

      const queued = async () =>
        Number(
          (await db.execute("SELECT count(*) AS n FROM publication_schedule_rels WHERE path = 'queue'")).rows[0]?.n ??
            0,
        )

      // Moved into the past with the server stopped, so nothing else writes to the file meanwhile.
      await killChild()
      // The slots were all in the past: the next run (within a second) finds all of them due, oldest first.
      const past = Date.UTC(2026, 0, 5, 9)
      for (const [index, id] of ids.entries()) {
        const slot = new Date(past + index * 60_000).toISOString()
        await db.batch(
          [
            { sql: 'UPDATE reviews SET publish_at = ? WHERE id = ?', args: [slot, id] },
            { sql: 'UPDATE _reviews_v SET version_publish_at = ? WHERE parent_id = ?', args: [slot, id] },
          ],
          'write',
        )
      }
      startChild()

      // Killed as soon as a run has published something since the last start, while the rest are still due.
      const killedAt: number[] = []
      let sinceStart = 0
      let seen: number
      const deadline = Date.now() + 150_000
      // Done when every review is published and a run has taken them all off the queue (a crash can fall between the two).
      while (((seen = await published()) < REVIEWS || (await queued()) > 0) && Date.now() < deadline) {
        if (killedAt.length < MAX_KILLS && seen > sinceStart && seen < REVIEWS) {
          await killChild()
          killedAt.push(await published())
          sinceStart = killedAt.at(-1)!
          // Not waiting for /healthz: the restarted server's first run starts before it listens.
          startChild()
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(killedAt.length, 'the job should have been killed mid-run at least once').toBeGreaterThan(0)
      expect(
        killedAt.every((count) => count > 0 && count < REVIEWS),
        String(killedAt),
      ).toBe(true)
      expect(seen).toBe(REVIEWS)

      const rows = async (sql: string) => (await db.execute(sql)).rows as unknown as Record<string, unknown>[]
      // Exactly once: one published version per review, at its own slot, and the document agrees.
      const versions = await rows(
        "SELECT parent_id, count(*) AS n FROM _reviews_v WHERE version__status = 'published' GROUP BY parent_id",
      )
      expect(versions.map((row) => Number(row.n))).toEqual(ids.map(() => 1))
      const docs = await rows('SELECT id, _status, publish_at, published_at FROM reviews ORDER BY id')
      expect(docs).toHaveLength(ids.length)
      for (const [index, doc] of docs.entries()) {
        expect(doc._status).toBe('published')
        expect(new Date(String(doc.published_at)).getTime()).toBe(past + index * 60_000)
      }
      // Nothing half-written: every review's latest version is the published one, the file is sound, the queue empty.
      const latest = await rows('SELECT parent_id, version__status FROM _reviews_v WHERE latest = 1')
      expect(latest.filter((row) => row.version__status !== 'published')).toEqual([])
      expect(latest).toHaveLength(REVIEWS)
      expect((await rows('PRAGMA integrity_check'))[0]?.integrity_check).toBe('ok')
      expect(await rows("SELECT * FROM publication_schedule_rels WHERE path = 'queue'")).toEqual([])
      await waitHealthy()
      const schedule = await api('GET', '/globals/publication-schedule?depth=0', token)
      expect(schedule.queue).toEqual([])
      db.close()
      console.info(
        `kill -9: ${killedAt.length} kills (after ${killedAt.join(', ')} published), ${REVIEWS} reviews published once each`,
      )
      await killChild()
    }, 300_000)
  },
)
