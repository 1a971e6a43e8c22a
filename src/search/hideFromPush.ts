import type { DatabaseAdapterObj } from 'payload'

import { SQLITE_SEARCH_PREFIX } from './sqliteStore.js'

type DrizzleKit = { pushSchema: (schema: unknown, drizzle: unknown, ...rest: unknown[]) => Promise<unknown> }
type Drizzle = { all: (query: unknown) => Promise<Record<string, unknown>[]> | Record<string, unknown>[] }

/** The columns drizzle-kit's SQLite introspection names a table by (columns, indexes, keys, sequences). */
const TABLE_FIELDS = ['tableName', 'tableFrom', 'name', 'tbl_name']

const isSearchRow = (row: Record<string, unknown>): boolean =>
  TABLE_FIELDS.some(
    (field) => typeof row[field] === 'string' && (row[field] as string).startsWith(SQLITE_SEARCH_PREFIX),
  )

/** The drizzle instance as drizzle-kit's introspection should see it: without the search index's tables. */
const withoutSearchTables = (drizzle: Drizzle): Drizzle =>
  new Proxy(drizzle, {
    get: (target, property) => {
      if (property === 'all') {
        return async (query: unknown) => (await target.all(query)).filter((row) => !isSearchRow(row))
      }
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })

/**
 * drizzle-kit's SQLite push (Payload's dev schema push, and the migration check) knows no tables
 * filter, unlike PostgreSQL's: it would drop the FTS5 index as tables the config does not declare
 * (and ask to, with a data-loss prompt, at every dev start). Its introspection is shown the
 * database without them. PostgreSQL keeps the index in a schema of its own, which push never reads.
 */
export const withSearchTablesHiddenFromPush = (db: DatabaseAdapterObj): DatabaseAdapterObj => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args)
    const sqlite = adapter as unknown as { name: string; requireDrizzleKit?: () => DrizzleKit }
    const requireDrizzleKit = sqlite.requireDrizzleKit
    if (sqlite.name === 'sqlite' && requireDrizzleKit) {
      sqlite.requireDrizzleKit = () => {
        const kit = requireDrizzleKit()
        return {
          ...kit,
          pushSchema: (schema, drizzle, ...rest) =>
            kit.pushSchema(schema, withoutSearchTables(drizzle as Drizzle), ...rest),
        }
      }
    }
    return adapter
  },
})
