import type { Payload, PayloadRequest } from 'payload'

/** What the plugin uses of Payload's SQL adapters (@payloadcms/drizzle): raw statements and table names. */
export type SQLAdapter = {
  name: string
  execute: (args: { db?: unknown; drizzle?: unknown; raw: string }) => Promise<{ rows?: Record<string, unknown>[] }>
  drizzle: unknown
  sessions: Record<string, { db: unknown } | undefined>
  tableNameMap: Map<string, string>
  rawTables: Record<string, { name: string; columns: Record<string, { name: string }> }>
  schemaName?: string
  versionsSuffix?: string
}

const isSQLAdapter = (db: unknown): db is SQLAdapter =>
  typeof (db as SQLAdapter).execute === 'function' && typeof (db as SQLAdapter).rawTables === 'object'

/** The adapters whose raw SQL the plugin writes (PostgreSQL and SQLite); undefined for any other. */
export const rawSQLAdapter = (db: unknown): SQLAdapter | undefined =>
  isSQLAdapter(db) && (db.name === 'postgres' || db.name === 'sqlite') ? db : undefined

const snakeCase = (slug: string): string =>
  slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()

/** A collection's table (or its versions table), as the adapter named it. */
export const tableOf = (db: SQLAdapter, slug: string, { versions = false } = {}) => {
  const name = db.tableNameMap.get(versions ? `_${snakeCase(slug)}${db.versionsSuffix ?? '_v'}` : snakeCase(slug))
  return name ? db.rawTables[name] : undefined
}

export const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`

export const sqlLiteral = (id: number | string): string =>
  typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : `'${String(id).replace(/'/g, "''")}'`

/** A collection's or global's table as SQL names it, with the schema on PostgreSQL. */
export const qualifiedTable = (db: SQLAdapter, slug: string): string => {
  const table = tableOf(db, slug)
  if (!table) {
    throw new Error(`soundtrackReviews: no table for “${slug}”.`)
  }
  return db.schemaName ? `${quoteName(db.schemaName)}.${quoteName(table.name)}` : quoteName(table.name)
}

/** Runs raw SQL in `req`'s transaction (or outside any, when there is none). */
export const runSQL = async ({ req, db, raw }: { req: PayloadRequest; db: SQLAdapter; raw: string }) => {
  const session = req.transactionID !== undefined ? db.sessions[String(await req.transactionID)] : undefined
  return (await db.execute({ db: session?.db ?? db.drizzle, raw })).rows ?? []
}

/**
 * SQLite plans from statistics it only has after `ANALYZE`. Without them it reads drafts through
 * Payload's `latest` index (true for nearly every version row) instead of `parent`, so the schedule
 * and the publishing job scanned every review version. Gathered for those tables at start.
 */
export const analyzeSQLite = async ({ payload, slugs }: { payload: Payload; slugs: string[] }) => {
  const db = rawSQLAdapter(payload.db)
  if (db?.name !== 'sqlite') {
    return
  }
  const tables = slugs
    .flatMap((slug) => [tableOf(db, slug), tableOf(db, slug, { versions: true })])
    .filter((table) => table !== undefined)
  await db.execute({ drizzle: db.drizzle, raw: 'PRAGMA analysis_limit = 1000' })
  for (const table of tables) {
    try {
      await db.execute({ drizzle: db.drizzle, raw: `ANALYZE ${quoteName(table.name)}` })
    } catch {
      // Not created yet (migrations still to run): the next start gathers them.
    }
  }
}
