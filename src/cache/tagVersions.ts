import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { DatabaseKVAdapter } from 'payload'

import { qualifiedTable, quoteName, rawSQLAdapter, sqlLiteral, tableOf } from '../sqlAdapter.js'

/**
 * One version per cache tag (`review:12`, `reviews` …), in Payload's `kv` store (a database row by
 * default, Redis with @payloadcms/kv-redis). Every app instance reads the versions of a cached
 * response's tags on each request, so a change recorded by one instance invalidates exactly the
 * responses built from what it changed, in every instance. Each tag is its own key: two instances
 * recording different tags at once never overwrite each other.
 */
const KEY_PREFIX = 'soundtrack-reviews:tag:'
const INITIAL = 'initial'

export type TagVersions = Record<string, string>

type RedisLike = {
  keyPrefix: string
  redisClient: {
    mget: (...keys: string[]) => Promise<(null | string)[]>
    mset: (...keysAndValues: string[]) => Promise<unknown>
  }
}

const isRedisKV = (kv: unknown): kv is RedisLike =>
  typeof (kv as Partial<RedisLike>)?.keyPrefix === 'string' &&
  typeof (kv as Partial<RedisLike>)?.redisClient?.mget === 'function'

const versionOf = (stored: unknown): string => {
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored
  const version = (value as { version?: unknown } | null | undefined)?.version
  return typeof version === 'string' ? version : INITIAL
}

/**
 * The versions of `tags` in one round trip, whatever their number: one `SELECT … IN` of the kv rows
 * on PostgreSQL and SQLite (Payload's `find` cost more than the whole cache hit), one `MGET` on
 * Redis, one `find` on MongoDB; another kv store gets a `get` per tag.
 */
/** Payload's kv table on PostgreSQL and SQLite, when it has its `key` and `data` columns. */
const kvTable = (payload: Payload) => {
  const db = rawSQLAdapter(payload.db)
  const slug = payload.kv instanceof DatabaseKVAdapter ? payload.kv.collectionSlug : undefined
  const columns = db && slug ? tableOf(db, slug)?.columns : undefined
  return db && slug && columns?.key && columns.data
    ? { db, table: qualifiedTable(db, slug), key: quoteName(columns.key.name), data: quoteName(columns.data.name) }
    : undefined
}

const readStored = async (payload: Payload, tags: string[]): Promise<TagVersions> => {
  const { kv } = payload
  const keys = tags.map((tag) => `${KEY_PREFIX}${tag}`)
  if (isRedisKV(kv)) {
    const values = await kv.redisClient.mget(...keys.map((key) => `${kv.keyPrefix}${key}`))
    return Object.fromEntries(tags.map((tag, index) => [tag, versionOf(values[index])]))
  }
  const sql = kvTable(payload)
  if (sql) {
    const { rows } = await sql.db.execute({
      drizzle: sql.db.drizzle,
      raw: `SELECT ${sql.key} AS key, ${sql.data} AS data FROM ${sql.table} WHERE ${sql.key} IN (${keys.map(sqlLiteral).join(', ')})`,
    })
    if (Array.isArray(rows)) {
      const found = new Map((rows as { key: string; data: unknown }[]).map(({ key, data }) => [key, data]))
      return Object.fromEntries(tags.map((tag, index) => [tag, versionOf(found.get(keys[index]))]))
    }
  }
  if (kv instanceof DatabaseKVAdapter) {
    // MongoDB: one find of the kv documents.
    const { docs } = await payload.db.find({
      collection: kv.collectionSlug,
      where: { key: { in: keys } },
      pagination: false,
    })
    const found = new Map((docs as unknown as { key: string; data: unknown }[]).map(({ key, data }) => [key, data]))
    return Object.fromEntries(tags.map((tag, index) => [tag, versionOf(found.get(keys[index]))]))
  }
  const values = await Promise.all(keys.map((key) => kv.get(key)))
  return Object.fromEntries(tags.map((tag, index) => [tag, versionOf(values[index])]))
}

/** New versions for `tags` in one statement (an upsert of every row) or one `MSET`; any other kv store gets a `set` per tag. */
const writeStored = async (payload: Payload, tags: string[]): Promise<void> => {
  const { kv } = payload
  const entries = tags.map((tag) => [`${KEY_PREFIX}${tag}`, JSON.stringify({ version: randomUUID() })] as const)
  if (isRedisKV(kv)) {
    await kv.redisClient.mset(...entries.flatMap(([key, value]) => [`${kv.keyPrefix}${key}`, value]))
    return
  }
  const sql = kvTable(payload)
  if (sql) {
    await sql.db.execute({
      drizzle: sql.db.drizzle,
      raw:
        `INSERT INTO ${sql.table} (${sql.key}, ${sql.data}) VALUES ${entries.map(([key, value]) => `(${sqlLiteral(key)}, ${sqlLiteral(value)})`).join(', ')} ` +
        `ON CONFLICT (${sql.key}) DO UPDATE SET ${sql.data} = excluded.${sql.data}`,
    })
    return
  }
  await Promise.all(entries.map(([key, value]) => kv.set(key, JSON.parse(value) as Record<string, unknown>)))
}

/** Payload instances whose last recording failed: their cache serves nothing until a retry lands. */
const unconfirmed = new WeakMap<Payload, Set<string>>()

/** The versions of `tags`, or null while a committed change could not be recorded (the cache must not answer). */
export const readTagVersions = async (payload: Payload, tags: string[]): Promise<null | TagVersions> => {
  if (unconfirmed.get(payload)?.size) {
    return null
  }
  return tags.length ? readStored(payload, tags) : {}
}

/** Milliseconds between attempts to record versions after a failure; the last repeats until one lands. */
const RETRY_DELAYS_MS = [100, 1_000, 5_000, 15_000, 60_000]

/**
 * New versions for `tags`. A failure (a busy database, Redis away) never reaches the writer, whose
 * change is already committed: it is logged, this process's cache stops answering, and the write
 * is retried until it lands.
 */
export const invalidateTags = async (payload: Payload, tags: string[], attempt = 0): Promise<void> => {
  const pending = unconfirmed.get(payload) ?? new Set<string>()
  try {
    await writeStored(payload, tags)
    tags.forEach((tag) => pending.delete(tag))
  } catch (error) {
    tags.forEach((tag) => pending.add(tag))
    unconfirmed.set(payload, pending)
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]
    payload.logger.error(
      { err: error },
      `soundtrackReviews: the public cache could not be invalidated after a committed change (attempt ${attempt + 1}); ` +
        `it serves nothing from memory until a retry in ${delay} ms succeeds.`,
    )
    setTimeout(() => void invalidateTags(payload, tags, attempt + 1), delay).unref()
  }
}
