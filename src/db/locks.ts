import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'
import type { SQLAdapter } from '../sqlAdapter.js'

import { slugsOf } from '../settings.js'
import { qualifiedTable, rawSQLAdapter, runSQL, sqlLiteral } from '../sqlAdapter.js'

type MongoModel = {
  findOneAndUpdate: (filter: object, update: object, options: object) => { lean: () => Promise<unknown> }
}
type MongoAdapter = {
  name: 'mongoose'
  collections: Record<string, MongoModel>
  sessions: Record<number | string, unknown>
}

/** PostgreSQL inside a transaction: the only place row locks mean something (SQLite's transactions take turns). */
const lockingAdapter = (req: PayloadRequest): SQLAdapter | undefined => {
  const db = rawSQLAdapter(req.payload.db)
  return db?.name === 'postgres' && req.transactionID ? db : undefined
}

/**
 * Takes PostgreSQL row locks (`SELECT … ORDER BY id FOR UPDATE`: one order for every writer) that
 * last until `req`'s transaction ends, so a writer that locks before reading never builds on a row
 * another writer is changing. SQLite needs none: its transactions take turns (cms/sqliteTurns.ts) and
 * it has one writer.
 * `ids: 'all'` locks every row of the table (a global's one row).
 */
export const lockRows = async ({ req, slug, ids }: { req: PayloadRequest; slug: string; ids: ID[] | 'all' }) => {
  const db = lockingAdapter(req)
  if (!db || (ids !== 'all' && ids.length === 0)) {
    return
  }
  const where = ids === 'all' ? '' : ` WHERE "id" IN (${ids.map(sqlLiteral).join(', ')})`
  await runSQL({ req, db, raw: `SELECT "id" FROM ${qualifiedTable(db, slug)}${where} ORDER BY "id" FOR UPDATE` })
}

/**
 * Locks the documents an update or delete operation names (its id, or what its where matches)
 * before Payload reads them, so the `previousDoc` its hooks see is the latest.
 */
export const lockMatching = async ({
  req,
  slug,
  id,
  where,
}: {
  req: PayloadRequest
  slug: string
  id?: ID
  where?: Where
}): Promise<void> => {
  if (!lockingAdapter(req)) {
    return
  }
  const matching = async () =>
    (
      await req.payload.find({
        collection: slug as CollectionSlug,
        where,
        select: {},
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    ).docs.map((doc) => doc.id as ID)
  await lockRows({ req, slug, ids: id !== undefined ? [id] : where ? await matching() : [] })
}

/** Locks the publication schedule's row: every writer of the queue takes this lock first. */
export const lockSchedule = (req: PayloadRequest): Promise<void> =>
  lockRows({ req, slug: slugsOf(req.payload).schedule, ids: 'all' })

/** Locks reviews' rows, in id order. Callers lock the schedule first: one order, no deadlock. */
export const lockReviews = (req: PayloadRequest, ids: ID[]): Promise<void> =>
  lockRows({ req, slug: slugsOf(req.payload).reviews, ids })

/**
 * Claims an unpublished review for publishing, in `req`'s transaction: a conditional write that only
 * one claimant can win. SQL: an UPDATE of the row `WHERE _status <> 'published'`, whose row count
 * says who won; a second claimant waits for the first's row lock and then matches nothing.
 * MongoDB: `findOneAndUpdate` on the same condition, writing `_status` (the publish that follows
 * writes it again); without a replica set it is still one atomic document update, and a publish
 * that then fails gives the claim back (releaseClaim), as a rollback would.
 */
export const claimForPublishing = async ({ req, id }: { req: PayloadRequest; id: ID }): Promise<boolean> => {
  const slug = slugsOf(req.payload).reviews
  const db = rawSQLAdapter(req.payload.db)
  if (db) {
    const claimed = await runSQL({
      req,
      db,
      raw: `UPDATE ${qualifiedTable(db, slug)} SET "_status" = "_status" WHERE "id" = ${sqlLiteral(id)} AND ("_status" IS NULL OR "_status" <> 'published') RETURNING "id"`,
    })
    return claimed.length === 1
  }
  const mongo = req.payload.db as unknown as MongoAdapter
  if (mongo.name === 'mongoose') {
    const session = req.transactionID ? mongo.sessions[await req.transactionID] : undefined
    const claimed = await mongo.collections[slug]
      .findOneAndUpdate(
        { _id: id, _status: { $ne: 'published' } },
        { $set: { _status: 'published' } },
        { session, projection: { _id: 1 } },
      )
      .lean()
    return claimed !== null
  }
  // Another adapter: nothing to claim with, so only runners that never overlap publish once.
  return true
}

/** Undoes a MongoDB claim that no transaction will roll back; SQL claims end with their transaction. */
export const releaseClaim = async ({ req, id }: { req: PayloadRequest; id: ID }): Promise<void> => {
  const mongo = req.payload.db as unknown as MongoAdapter
  if (mongo.name !== 'mongoose' || (req.transactionID && mongo.sessions[await req.transactionID])) {
    return
  }
  await mongo.collections[slugsOf(req.payload).reviews]
    .findOneAndUpdate({ _id: id, _status: 'published' }, { $set: { _status: 'draft' } }, { projection: { _id: 1 } })
    .lean()
}
