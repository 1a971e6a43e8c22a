import type { CollectionSlug, Payload } from 'payload'

import type { RunningServer } from '../cms/server'

import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { APIError, getPayload, ValidationError } from 'payload'
import { expect, vi } from 'vitest'

const TEST_DATA = path.resolve('test/.data')

/**
 * A fresh database for one spec file: a new SQLite file by default, or a fresh PostgreSQL database /
 * MongoDB database name when TEST_DB=postgres (POSTGRES_URL) or MONGODB_URI are set.
 */
export const testDatabaseURI = (name: string): string => {
  const unique = `${name}_${process.pid}_${Date.now()}`.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase()
  if (process.env.MONGODB_URI) {
    const url = new URL(process.env.MONGODB_URI)
    url.pathname = `/${unique}`
    return url.toString()
  }
  if (process.env.TEST_DB === 'postgres') {
    const url = new URL(process.env.POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres')
    url.pathname = `/${unique}`
    return url.toString()
  }
  mkdirSync(TEST_DATA, { recursive: true })
  const file = path.join(TEST_DATA, `${unique}.db`)
  for (const part of ['', '-wal', '-shm']) {
    rmSync(`${file}${part}`, { force: true })
  }
  return `file:${file}`
}

/** Creates the PostgreSQL database `uri` names, beforehand, so that no two instances race to create it. */
export const createPostgresDatabase = async (uri: string): Promise<void> => {
  const server = new URL(uri)
  const name = server.pathname.slice(1)
  server.pathname = '/postgres'
  const { default: pg } = await import('pg')
  const management = new pg.Client({ connectionString: server.toString() })
  await management.connect()
  await management.query(`CREATE DATABASE "${name}"`)
  await management.end()
}

export const startPayload = async (name: string): Promise<Payload> => {
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.DATABASE_URI = testDatabaseURI(name)
  const { default: config } = await import('../cms/payload.config')
  return getPayload({ config })
}

// ---------------------------------------------------------------------------------------------
// Shared helpers for the integration specs (Local API, HTTP, query counting).
// ---------------------------------------------------------------------------------------------

/** Starts the express server (REST, GraphQL, `/healthz`) on a free port over a fresh database. */
export const startTestServer = async (name: string): Promise<RunningServer> => {
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.DATABASE_URI = testDatabaseURI(name)
  const { default: config } = await import('../cms/payload.config')
  const { startServer } = await import('../cms/server')
  return startServer({ config, port: 0, admin: false })
}

let sequence = 0

/** A suffix no other test (or earlier run on the same database) uses: titles, slugs, e-mails. */
export const uniqueSuffix = (): string =>
  `${process.pid.toString(36)}${Date.now().toString(36)}${(++sequence).toString(36)}`

export const uniqueTitle = (label: string): string => `${label} ${uniqueSuffix()}`

export type Role = 'admin' | 'editor'

export type TestUser = {
  id: number | string
  email: string
  password: string
  roles: Role[]
  /** The shape Payload's Local API expects as `user`. */
  collection: 'users'
  [key: string]: unknown
}

/**
 * Creates a user with one role through the Local API. The very first user of a database is always
 * an admin (see assignFirstUserAdmin), so create an admin before the first editor.
 */
export const createUser = async (payload: Payload, role: Role): Promise<TestUser> => {
  const email = `${role}-${uniqueSuffix()}@example.test`
  const password = `pw-${uniqueSuffix()}-Secret!`
  const doc = await payload.create({
    collection: 'users',
    data: { email, password, roles: [role] },
    overrideAccess: true,
  })
  const roles = (doc as { roles?: Role[] }).roles ?? []
  if (roles.length !== 1 || roles[0] !== role) {
    throw new Error(`createUser(${role}) got roles ${JSON.stringify(roles)}: create an admin before the first editor.`)
  }
  return { ...(doc as Record<string, unknown>), id: doc.id, email, password, roles, collection: 'users' }
}

export type StaffServer = { server: RunningServer; payload: Payload; admin: TestUser; editor: TestUser }

/** The express server on a fresh database with one admin and one editor: most HTTP specs start here. */
export const startStaffServer = async (name: string): Promise<StaffServer> => {
  const server = await startTestServer(name)
  const admin = await createUser(server.payload, 'admin')
  const editor = await createUser(server.payload, 'editor')
  return { server, payload: server.payload, admin, editor }
}

/** Logs in over HTTP; returns the headers that authenticate later requests. */
export const loginHeaders = async (
  url: string,
  user: { email: string; password: string },
): Promise<Record<string, string>> => {
  const response = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  })
  const body = (await response.json()) as { token?: string }
  if (response.status !== 200 || typeof body.token !== 'string') {
    throw new Error(`Login of ${user.email} failed: ${response.status} ${JSON.stringify(body)}`)
  }
  return { Authorization: `JWT ${body.token}` }
}

export type QueryCall = { method: string; collection?: string }

export type QueryRecorder = {
  calls: QueryCall[]
  /** Calls recorded since the last reset (or since the recorder started). */
  count: (filter?: (call: QueryCall) => boolean) => number
  reset: () => void
  restore: () => void
}

/**
 * Counts database adapter calls: every function property of `payload.db` (find, findOne, count,
 * create, updateOne, deleteMany, queryDrafts, transactions …) is wrapped until `restore()`.
 */
export const recordQueries = (payload: Payload): QueryRecorder => {
  const db = payload.db as unknown as Record<string, unknown>
  const names = new Set<string>()
  for (let level: object | null = db; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      names.add(name)
    }
  }
  names.delete('constructor')
  const calls: QueryCall[] = []
  const restores: Array<() => void> = []
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(db, name)
    const original = descriptor ? descriptor.value : db[name]
    if (typeof original !== 'function' || (descriptor && !descriptor.writable && !descriptor.set)) {
      continue
    }
    const isOwn = descriptor !== undefined
    db[name] = function (this: unknown, ...args: unknown[]) {
      const first = args[0]
      const collection =
        first && typeof first === 'object' && 'collection' in first
          ? String((first as { collection: unknown }).collection)
          : undefined
      calls.push({ method: name, collection })
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    }
    restores.push(() => {
      if (isOwn) {
        db[name] = original
      } else {
        delete db[name]
      }
    })
  }
  return {
    calls,
    count: (filter) => (filter ? calls.filter(filter).length : calls.length),
    reset: () => {
      calls.length = 0
    },
    restore: () => {
      for (const restore of restores) {
        restore()
      }
    },
  }
}

/** Runs `write`, expects it to throw a ValidationError naming `path`, and returns that error's entry. */
export const expectValidationError = async (
  write: () => Promise<unknown>,
  path: string | RegExp,
): Promise<{ path: string; message: string }> => {
  let caught: unknown
  try {
    await write()
  } catch (error) {
    caught = error
  }
  expect(caught, 'the write should have been refused').toBeInstanceOf(ValidationError)
  const error = caught as ValidationError
  expect(error.status).toBe(400)
  const errors = ((error.data as { errors?: Array<{ path: string; message: string }> })?.errors ?? []).map((entry) => ({
    path: entry.path,
    message: entry.message,
  }))
  const match = errors.find((entry) => (typeof path === 'string' ? entry.path === path : path.test(entry.path)))
  expect(match, `an error on ${path} among ${JSON.stringify(errors)}`).toBeDefined()
  return match as { path: string; message: string }
}

/** Runs `write`, expects an APIError (Forbidden, NotFound, our own refusals) with `status`. */
export const expectAPIError = async (write: () => Promise<unknown>, status: number): Promise<APIError> => {
  let caught: unknown
  try {
    await write()
  } catch (error) {
    caught = error
  }
  expect(caught, `the call should have been refused with ${status}`).toBeInstanceOf(APIError)
  expect((caught as APIError).status).toBe(status)
  return caught as APIError
}

/** Total documents in a collection (all statuses), bypassing access. */
export const countDocs = async (payload: Payload, collection: CollectionSlug): Promise<number> =>
  (await payload.count({ collection, overrideAccess: true })).totalDocs

/** A call the server's job cron makes while it polls the queues: not part of the operation measured. */
export const isJobPoll = (call: QueryCall): boolean =>
  call.method === 'updateJobs' || /Global/.test(call.method) || call.collection === 'payload-jobs'

/** Runs `work` with the adapter wrapped (see recordQueries) and returns its result and the calls. */
export const withQueryCount = async <T>(
  payload: Payload,
  work: () => Promise<T>,
): Promise<{ result: T; calls: QueryCall[]; count: number }> => {
  const recorder = recordQueries(payload)
  try {
    const result = await work()
    return { result, calls: [...recorder.calls], count: recorder.calls.length }
  } finally {
    recorder.restore()
  }
}

type FakeClock = { now: number }

/**
 * Sets the clock to `at` with `vi.useFakeTimers({ toFake: ['Date'] })` + `vi.setSystemTime`, then
 * lets it run on with real elapsed time: a frozen clock gives two versions of one document the same
 * `updatedAt`, and the SQL adapters then keep both flagged `latest`. Only `Date` is faked (timers,
 * I/O and the database keep real time). Call again to travel; undo with `vi.useRealTimers()`.
 */
export const setClock = (at: Date | string): Date => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(at))
  // @sinonjs/fake-timers (behind vi.useFakeTimers) hangs its clock on the fake Date.
  const clock = (Date as unknown as { clock?: FakeClock }).clock
  if (!clock) {
    throw new Error('setClock: the fake Date exposes no clock; vitest changed its fake timers.')
  }
  let anchor = clock.now
  let anchoredAt = performance.now()
  Object.defineProperty(clock, 'now', {
    configurable: true,
    enumerable: true,
    get: () => anchor + Math.floor(performance.now() - anchoredAt),
    set: (value: number) => {
      anchor = value
      anchoredAt = performance.now()
    },
  })
  return new Date()
}

type SQLAdapter = {
  name: string
  drizzle: unknown
  execute: (args: { drizzle: unknown; raw: string }) => Promise<unknown>
}

const rowsOf = (result: unknown): Record<string, unknown>[] =>
  Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? [])

/** Tables that change on their own while a server runs: the job queue, its stats and the schedule's run marks. */
const LIVE_TABLES = /^(payload_jobs|payload_jobs_stats|payload_jobs_log|publication_schedule|payload_kv|users_sessions)/

/**
 * Every row of every table (SQL adapters), or every document and version (MongoDB), sorted, as one
 * string: two dumps are equal exactly when nothing was written in between.
 */
export const dumpDatabase = async (payload: Payload): Promise<string> => {
  const db = payload.db as unknown as SQLAdapter
  const dump: Record<string, string[]> = {}
  if (db.name === 'sqlite' || db.name === 'postgres') {
    const listTables =
      db.name === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    const tables = rowsOf(await db.execute({ drizzle: db.drizzle, raw: listTables })).map((row) => String(row.name))
    for (const table of tables.filter((name) => !LIVE_TABLES.test(name)).sort()) {
      const rows = rowsOf(await db.execute({ drizzle: db.drizzle, raw: `SELECT * FROM "${table}"` }))
      dump[table] = rows
        .map((row) =>
          JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
        )
        .sort()
    }
    return JSON.stringify(dump)
  }
  for (const collection of payload.config.collections.map(({ slug }) => slug)) {
    if (LIVE_TABLES.test(collection.replace(/-/g, '_'))) {
      continue
    }
    const { docs } = await payload.find({ collection, pagination: false, depth: 0, overrideAccess: true })
    dump[collection] = docs.map((doc) => JSON.stringify(doc)).sort()
  }
  return JSON.stringify(dump)
}
