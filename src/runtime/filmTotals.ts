import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'
import type { SQLAdapter } from '../sqlAdapter.js'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { formatClock } from '../../fields/duration.js'
import { compareIDs } from '../relationID.js'
import { slugsOf } from '../settings.js'
import { qualifiedTable, quoteName, rawSQLAdapter, runSQL, sqlLiteral, tableOf } from '../sqlAdapter.js'

/** What one write changes on one film: tracks added (negative: removed) and seconds added. */
export type FilmDelta = { film: ID; tracks: number; seconds: number }

/** The rows an update or delete operation names: one id, or a where. */
export type WriteTarget = { id?: ID; where?: Where }

type FilmTotals = { trackCount: number; totalRuntimeSeconds: number; totalRuntime: string }

/** Per-film sums of several deltas, without the films whose totals do not move. */
const mergeDeltas = (deltas: FilmDelta[]): FilmDelta[] => {
  const byFilm = new Map<string, FilmDelta>()
  for (const { film, tracks, seconds } of deltas) {
    const sum = byFilm.get(String(film)) ?? { film, tracks: 0, seconds: 0 }
    byFilm.set(String(film), { film, tracks: sum.tracks + tracks, seconds: sum.seconds + seconds })
  }
  return [...byFilm.values()].filter((delta) => delta.tracks !== 0 || delta.seconds !== 0)
}

/**
 * The film's `totalRuntime` text follows its seconds. Written only while the seconds still equal what
 * this writer's increment returned: without a transaction a later writer may have moved them, and
 * then that writer's own text write is the right one.
 */
const writeRuntimeText = async ({ req, film, seconds }: { req: PayloadRequest; film: ID; seconds: number }) => {
  await req.payload.db.updateOne({
    collection: slugsOf(req.payload).films as CollectionSlug,
    where: { and: [{ id: { equals: film } }, { totalRuntimeSeconds: { equals: seconds } }] },
    data: { totalRuntime: formatClock(seconds) },
    returning: false,
    req,
  })
}

/**
 * Adds each delta to its film with one atomic increment in the database (`SET n = n + d` on SQL,
 * `$inc` on MongoDB) and then writes the runtime text: two statements per film, whatever its track
 * count, and never a lost update between concurrent writers. Films are touched in id order so
 * opposite moves cannot deadlock.
 */
export const adjustFilmTotals = async ({ req, deltas }: { req: PayloadRequest; deltas: FilmDelta[] }) => {
  for (const { film, tracks, seconds } of mergeDeltas(deltas).sort((a, b) => compareIDs(a.film, b.film))) {
    const updated = (await req.payload.db.updateOne({
      collection: slugsOf(req.payload).films as CollectionSlug,
      id: film,
      data: { trackCount: { $inc: tracks }, totalRuntimeSeconds: { $inc: seconds } },
      select: { totalRuntimeSeconds: true },
      req,
    })) as { totalRuntimeSeconds?: null | number } | null
    // A film deleted meanwhile has no totals left to keep.
    if (updated) {
      await writeRuntimeText({ req, film, seconds: Number(updated.totalRuntimeSeconds) || 0 })
    }
  }
}

/** `SELECT count(*), sum(duration)` over the film's tracks: one query, no rows in JavaScript. */
const sumTracksSQL = async ({ req, db, film }: { req: PayloadRequest; db: SQLAdapter; film: ID }) => {
  const table = tableOf(db, slugsOf(req.payload).tracks)
  const filmColumn = table?.columns.film?.name
  const secondsColumn = table?.columns.durationSeconds?.name
  if (!table || !filmColumn || !secondsColumn) {
    throw new Error('soundtrackReviews: no tracks table with film and durationSeconds columns.')
  }
  const raw = `SELECT count(*) AS "tracks", coalesce(sum(${quoteName(secondsColumn)}), 0) AS "seconds" FROM ${qualifiedTable(db, slugsOf(req.payload).tracks)} WHERE ${quoteName(filmColumn)} = ${sqlLiteral(film)}`
  const [row = {}] = await runSQL({ req, db, raw })
  return { tracks: Number(row.tracks) || 0, seconds: Number(row.seconds) || 0 }
}

/** Adapters without SQL (MongoDB): the durations, selected alone, summed here. */
const sumTracksRead = async ({ req, film }: { req: PayloadRequest; film: ID }) => {
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).tracks as CollectionSlug,
    where: { film: { equals: film } },
    select: { durationSeconds: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { tracks: docs.length, seconds: docs.reduce((sum, doc) => sum + (Number(doc.durationSeconds) || 0), 0) }
}

/** What the film's tracks add up to in the database now, independent of the stored totals. */
export const sumFilmTracks = async ({ req, film }: { req: PayloadRequest; film: ID }) => {
  const db = rawSQLAdapter(req.payload.db)
  return db ? sumTracksSQL({ req, db, film }) : sumTracksRead({ req, film })
}

/**
 * Repair: recomputes a film's totals from its tracks and stores them, in one transaction with the
 * film locked first, so no concurrent increment lands between the sum and the write. Null when
 * there is no such film.
 */
export const recomputeFilmTotals = async ({
  req,
  film,
}: {
  req: PayloadRequest
  film: ID
}): Promise<(FilmTotals & { previous: FilmTotals }) | null> => {
  const collection = slugsOf(req.payload).films as CollectionSlug
  const isOwnTransaction = await initTransaction(req)
  try {
    const previous = (await req.payload.db.updateOne({
      collection,
      id: film,
      data: { trackCount: { $inc: 0 } },
      select: { trackCount: true, totalRuntimeSeconds: true, totalRuntime: true },
      req,
    })) as Partial<FilmTotals> | null
    let result: (FilmTotals & { previous: FilmTotals }) | null = null
    if (previous) {
      const { tracks, seconds } = await sumFilmTracks({ req, film })
      const totals = { trackCount: tracks, totalRuntimeSeconds: seconds, totalRuntime: formatClock(seconds) }
      await req.payload.db.updateOne({ collection, id: film, data: totals, returning: false, req })
      result = {
        ...totals,
        previous: {
          trackCount: Number(previous.trackCount) || 0,
          totalRuntimeSeconds: Number(previous.totalRuntimeSeconds) || 0,
          totalRuntime: previous.totalRuntime ?? formatClock(0),
        },
      }
    }
    if (isOwnTransaction) {
      await commitTransaction(req)
    }
    return result
  } catch (error) {
    if (isOwnTransaction) {
      await killTransaction(req)
    }
    throw error
  }
}
