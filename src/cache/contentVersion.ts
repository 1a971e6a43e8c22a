import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
  Payload,
  PayloadRequest,
} from 'payload'

import { randomUUID } from 'node:crypto'
import { DatabaseKVAdapter } from 'payload'

import { qualifiedTable, quoteName, rawSQLAdapter, sqlLiteral, tableOf } from '../sqlAdapter.js'
import { afterCommit } from './afterCommit.js'

/**
 * One version for everything the public cache serves, in Payload's `kv` store (a database row by
 * default, Redis with @payloadcms/kv-redis): every app instance reads it on every cached request,
 * so a bump written by one instance empties the others' caches on their next request.
 */
const VERSION_KEY = 'soundtrack-reviews:public-content-version'

/**
 * Every cached request pays for this read, so on PostgreSQL and SQLite it is one raw `SELECT` of
 * the kv row rather than Payload's `findOne` (whose query building cost more than the whole hit).
 * Any other database or kv store, or a kv table without its `key` and `data` columns, gets `kv.get`.
 */
const readStored = async (payload: Payload): Promise<unknown> => {
  const { kv } = payload
  const db = rawSQLAdapter(payload.db)
  const slug = kv instanceof DatabaseKVAdapter ? kv.collectionSlug : undefined
  const columns = db && slug ? tableOf(db, slug)?.columns : undefined
  if (!db || !slug || !columns?.key || !columns.data) {
    return kv.get(VERSION_KEY)
  }
  const { rows } = await db.execute({
    drizzle: db.drizzle,
    raw: `SELECT ${quoteName(columns.data.name)} AS data FROM ${qualifiedTable(db, slug)} WHERE ${quoteName(columns.key.name)} = ${sqlLiteral(VERSION_KEY)}`,
  })
  if (!Array.isArray(rows)) {
    return kv.get(VERSION_KEY)
  }
  const data = (rows[0] as { data?: unknown } | undefined)?.data
  // SQLite keeps JSON as text; PostgreSQL hands back the parsed jsonb.
  return typeof data === 'string' ? JSON.parse(data) : data
}

/** Payload instances whose last bump failed: their cache serves nothing until a retry lands. */
const unconfirmed = new WeakSet<Payload>()

/** The content version, or null while a committed change could not be recorded (the cache must not answer). */
export const readContentVersion = async (payload: Payload): Promise<null | string> => {
  if (unconfirmed.has(payload)) {
    return null
  }
  const stored = (await readStored(payload)) as { version?: unknown } | null | undefined
  return typeof stored?.version === 'string' ? stored.version : 'initial'
}

/** Seconds between attempts to record a version after a failure; the last repeats until one lands. */
const RETRY_DELAYS_MS = [100, 1_000, 5_000, 15_000, 60_000]

/**
 * Writes a new version. A failure (a busy database, Redis away) never reaches the writer, whose
 * change is already committed: it is logged, this process's cache stops answering, and the write is
 * retried until it lands.
 */
const recordNewVersion = async (payload: Payload, attempt = 0): Promise<void> => {
  try {
    await payload.kv.set(VERSION_KEY, { version: randomUUID() })
    unconfirmed.delete(payload)
  } catch (error) {
    unconfirmed.add(payload)
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]
    payload.logger.error(
      { err: error },
      `soundtrackReviews: the public cache could not be invalidated after a committed change (attempt ${attempt + 1}); ` +
        `it serves nothing from memory until a retry in ${delay} ms succeeds.`,
    )
    setTimeout(() => void recordNewVersion(payload, attempt + 1), delay).unref()
  }
}

/** A new version once `req`'s write has committed, so no reader caches the data from before it under it. */
export const bumpContentVersion = (req: PayloadRequest): Promise<void> =>
  afterCommit({ req, key: VERSION_KEY, work: () => recordNewVersion(req.payload) })

/** Collections whose documents public responses show (reviews, films, tracks, composers, bylines). */
export const invalidateAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}

export const invalidateAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}

/** The publication schedule: `/api/schedule` and the iCalendar show its queue and cadence. */
export const invalidateAfterGlobalChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}
