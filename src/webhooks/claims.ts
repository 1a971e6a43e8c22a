import type { Payload } from 'payload'

import type { ID } from '../relationID.js'
import type { SQLAdapter } from '../sqlAdapter.js'

import { qualifiedTable, quoteName, rawSQLAdapter, sqlLiteral, tableOf } from '../sqlAdapter.js'

type MongoModel = {
  findOneAndUpdate: (filter: object, update: object, options: object) => { lean: () => Promise<unknown> }
  updateOne: (filter: object, update: object) => Promise<unknown>
}
type MongoAdapter = { name: 'mongoose'; collections: Record<string, MongoModel> }

const mongoOf = (payload: Payload): MongoAdapter | undefined => {
  const db = payload.db as unknown as MongoAdapter
  return db.name === 'mongoose' ? db : undefined
}

/** A collection's table (as `qualifiedTable` names it) and its columns by field name, as the SQL adapter named them. */
const sqlTable = (db: SQLAdapter, slug: string) => {
  const columns = tableOf(db, slug)?.columns ?? {}
  const column = (field: string): string => {
    const found = columns[field]
    if (!found) {
      throw new Error(`soundtrackReviews: no column for “${slug}.${field}”.`)
    }
    return quoteName(found.name)
  }
  return { name: qualifiedTable(db, slug), column }
}

/** ISO instants compare as text on SQLite (Payload stores `toISOString()`) and as timestamps on PostgreSQL. */
const instant = (date: Date): string => `'${date.toISOString()}'`

const rowsOf = async (db: SQLAdapter, raw: string) => (await db.execute({ drizzle: db.drizzle, raw })).rows ?? []

/**
 * Claims a due delivery for one attempt: a conditional write only one claimant wins, whichever
 * process it is in (as the publishing job claims a review). It matches only while the delivery is
 * pending, due at `now`, and nobody else's claim runs; it holds the delivery until `until` (after
 * which a crashed sender's claim lapses and the attempt is made again, with the same webhook-id).
 */
export const claimDelivery = async ({
  payload,
  slug,
  id,
  now,
  until,
}: {
  payload: Payload
  slug: string
  id: ID
  now: Date
  until: Date
}): Promise<boolean> => {
  const db = rawSQLAdapter(payload.db)
  if (db) {
    const { name, column } = sqlTable(db, slug)
    const claimedUntil = column('claimedUntil')
    const claimed = await rowsOf(
      db,
      `UPDATE ${name} SET ${claimedUntil} = ${instant(until)} WHERE "id" = ${sqlLiteral(id)} AND ${column('status')} = 'pending' AND ${column('nextAttemptAt')} <= ${instant(now)} AND (${claimedUntil} IS NULL OR ${claimedUntil} < ${instant(now)}) RETURNING "id"`,
    )
    return claimed.length === 1
  }
  const mongo = mongoOf(payload)
  if (mongo) {
    const claimed = await mongo.collections[slug]
      .findOneAndUpdate(
        {
          _id: id,
          status: 'pending',
          nextAttemptAt: { $lte: now },
          $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }],
        },
        { $set: { claimedUntil: until } },
        { projection: { _id: 1 } },
      )
      .lean()
    return claimed !== null
  }
  // Another adapter: nothing to claim with, so only senders that never overlap send once.
  return true
}

/** One more failed delivery in a row for an endpoint, counted atomically; returns the new count. */
export const countEndpointFailure = async ({
  payload,
  slug,
  id,
}: {
  payload: Payload
  slug: string
  id: ID
}): Promise<number> => {
  const db = rawSQLAdapter(payload.db)
  if (db) {
    const { name, column } = sqlTable(db, slug)
    const failures = column('consecutiveFailures')
    const [row] = await rowsOf(
      db,
      `UPDATE ${name} SET ${failures} = COALESCE(${failures}, 0) + 1 WHERE "id" = ${sqlLiteral(id)} RETURNING ${failures} AS "count"`,
    )
    return Number(row?.count ?? 0)
  }
  const mongo = mongoOf(payload)
  if (mongo) {
    const updated = (await mongo.collections[slug]
      .findOneAndUpdate(
        { _id: id },
        { $inc: { consecutiveFailures: 1 } },
        { new: true, projection: { consecutiveFailures: 1 } },
      )
      .lean()) as { consecutiveFailures?: number } | null
    return updated?.consecutiveFailures ?? 0
  }
  const endpoint = await payload.findByID({ collection: slug, id, depth: 0, overrideAccess: true })
  const count = Number(endpoint.consecutiveFailures ?? 0) + 1
  await payload.update({ collection: slug, id, data: { consecutiveFailures: count }, depth: 0, overrideAccess: true })
  return count
}

/** A delivered attempt ends an endpoint's run of failures (written only when there was one). */
export const resetEndpointFailures = async ({
  payload,
  slug,
  id,
}: {
  payload: Payload
  slug: string
  id: ID
}): Promise<void> => {
  const db = rawSQLAdapter(payload.db)
  if (db) {
    const { name, column } = sqlTable(db, slug)
    const failures = column('consecutiveFailures')
    await rowsOf(db, `UPDATE ${name} SET ${failures} = 0 WHERE "id" = ${sqlLiteral(id)} AND ${failures} <> 0`)
    return
  }
  const mongo = mongoOf(payload)
  if (mongo) {
    await mongo.collections[slug].updateOne(
      { _id: id, consecutiveFailures: { $ne: 0 } },
      { $set: { consecutiveFailures: 0 } },
    )
    return
  }
  await payload.update({ collection: slug, id, data: { consecutiveFailures: 0 }, depth: 0, overrideAccess: true })
}
