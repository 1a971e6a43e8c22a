import type { Payload } from 'payload'

import type { ID } from '../src/relationID'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { findFeedReviews } from '../src/feeds/findFeedReviews'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { setClock, startPayload, uniqueTitle } from './helpers'

const isPostgres = !process.env.MONGODB_URI && process.env.TEST_DB === 'postgres'
const isSQL = !process.env.MONGODB_URI

type Statement = { sql: string; params: unknown[] }

type PgClient = { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }
type PgPool = PgClient & {
  connect: () => Promise<PgClient & { release: () => void }>
}
type LibsqlClient = {
  execute: (statement: string | { sql: string; args?: unknown[] }) => Promise<{ rows: Record<string, unknown>[] }>
}

let payload: Payload

/** Every SELECT the adapter sends while `work` runs, with its parameters. */
const capture = async (work: () => Promise<unknown>): Promise<Statement[]> => {
  const statements: Statement[] = []
  const db = payload.db as unknown as { pool?: PgPool; client?: LibsqlClient }
  const target = (isPostgres ? db.pool : db.client) as Record<string, (...args: unknown[]) => Promise<unknown>>
  const method = isPostgres ? 'query' : 'execute'
  const original = target[method]
  target[method] = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args as [unknown, unknown]
    const sql =
      typeof first === 'string'
        ? first
        : ((first as { text?: string; sql?: string }).text ?? (first as { sql?: string }).sql)
    const inline =
      typeof first === 'object' && first !== null ? (first as { values?: unknown[]; args?: unknown[] }) : {}
    const params = Array.isArray(second) ? second : (inline.values ?? inline.args ?? [])
    if (sql && /^\s*select/i.test(sql)) {
      statements.push({ sql, params })
    }
    return original.apply(this, args)
  }
  try {
    await work()
  } finally {
    target[method] = original
  }
  return statements
}

/**
 * The plan of a statement as one string. PostgreSQL plans by cost, and these tables are tiny, so
 * sequential scans are priced out first: the question is whether an index *can* serve the query.
 */
const planOf = async ({ sql, params }: Statement): Promise<string> => {
  if (isPostgres) {
    const client = await (payload.db as unknown as { pool: PgPool }).pool.connect()
    try {
      await client.query('SET enable_seqscan = off')
      const { rows } = await client.query(`EXPLAIN ${sql}`, params)
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    } finally {
      await client.query('RESET enable_seqscan')
      client.release()
    }
  }
  const client = (payload.db as unknown as { client: LibsqlClient }).client
  const { rows } = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params })
  return rows.map((row) => row.detail).join('\n')
}

/** The index names a table has, read from the database's own catalogue. */
const indexesOn = async (table: string): Promise<string[]> => {
  if (isPostgres) {
    const { rows } = await (payload.db as unknown as { pool: PgPool }).pool.query(
      'SELECT indexname FROM pg_indexes WHERE tablename = $1',
      [table],
    )
    return rows.map((row) => String(row.indexname))
  }
  const { rows } = await (payload.db as unknown as { client: LibsqlClient }).client.execute({
    sql: 'SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = ?',
    args: ['index', table],
  })
  return rows.map((row) => String(row.name))
}

describe.runIf(isSQL)('indexes and query plans', () => {
  const NOW = '2026-10-20T12:00:00.000Z'

  beforeAll(async () => {
    payload = await startPayload('indexes')
    setClock(NOW)
    const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Indexed film') }, depth: 0 })
    const queue: ID[] = []
    for (let index = 0; index < 6; index++) {
      const review = await payload.create({
        collection: 'reviews',
        data: {
          title: uniqueTitle(`Indexed review ${index}`),
          film: film.id,
          _status: index < 3 ? 'published' : 'draft',
        },
        draft: index >= 3,
        depth: 0,
      })
      if (index >= 3) {
        queue.push(review.id)
      }
    }
    await payload.updateGlobal({
      slug: 'publication-schedule',
      data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'UTC', queue },
      depth: 0,
    })
    vi.useRealTimers()
  })

  afterAll(async () => {
    vi.useRealTimers()
    await payload?.destroy()
  })

  it('should have the indexes the schedule, feeds, job and runtime hooks query by', async () => {
    expect(await indexesOn('tracks')).toEqual(expect.arrayContaining(['tracks_film_idx', 'film_disc_number_idx']))
    expect(await indexesOn('reviews')).toEqual(
      expect.arrayContaining([
        'reviews_slug_idx',
        'reviews_film_idx',
        'reviews_publish_at_idx',
        'reviews_published_at_idx',
        'reviews__status_idx',
      ]),
    )
    expect(await indexesOn('_reviews_v')).toEqual(
      expect.arrayContaining([
        '_reviews_v_version_version_publish_at_idx',
        '_reviews_v_version_version__status_idx',
        '_reviews_v_latest_idx',
      ]),
    )
    expect(await indexesOn('films')).toEqual(expect.arrayContaining(['films_slug_idx']))
  })

  it("should answer the job's due query through an index, never a full scan of the versions", async () => {
    const statements = await capture(async () =>
      publishDueReviews({ req: await createLocalReq({}, payload), now: new Date(NOW) }),
    )
    const due = statements.filter(({ sql }) => /version_publish_at["`]? <=/.test(sql))
    expect(due.length, 'the due query was sent').toBeGreaterThan(0)
    for (const plan of await Promise.all(due.map(planOf))) {
      // The planner picks among the queue (parent), latest and publishAt indexes by its own statistics.
      expect(plan).toMatch(/_reviews_v_(version_version_publish_at|parent|latest)_idx/)
      expect(plan).not.toMatch(/^SCAN _reviews_v$|Seq Scan on _reviews_v\b/m)
    }
  })

  it('should answer the feed query through the published indexes', async () => {
    const statements = await capture(async () => findFeedReviews({ req: await createLocalReq({}, payload), limit: 2 }))
    const feed = statements.filter(({ sql }) => /from "reviews"|from `reviews`/i.test(sql) && /_status/.test(sql))
    expect(feed.length, 'the feed query was sent').toBeGreaterThan(0)
    for (const plan of await Promise.all(feed.map(planOf))) {
      expect(plan).toMatch(/reviews_published_at_idx|reviews__status_idx/)
      expect(plan).not.toMatch(/^SCAN reviews$|Seq Scan on reviews\b/m)
    }
  })
})
