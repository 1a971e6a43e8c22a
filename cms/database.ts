import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { migrations as postgresMigrations } from './migrations/postgres'
import { migrations as sqliteMigrations } from './migrations/sqlite'
import { takeTurns } from './sqliteTurns'

/** One migration directory per SQL adapter: `payload migrate:create` writes where the URI points. */
const migrationDir = (kind: DatabaseKind): string =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations', kind)

export const DEFAULT_DATABASE_URI = 'file:./data/soundtracks.db'

export type DatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

export const databaseKind = (uri: string): DatabaseKind => {
  if (/^mongodb(\+srv)?:\/\//.test(uri)) {
    return 'mongodb'
  }
  if (/^postgres(ql)?:\/\//.test(uri)) {
    return 'postgres'
  }
  if (uri.startsWith('file:') || uri === ':memory:' || uri.startsWith('libsql:')) {
    return 'sqlite'
  }
  throw new Error(
    `DATABASE_URI “${uri}” is not understood: use file:… (SQLite), postgres://… (PostgreSQL) or mongodb://… (MongoDB).`,
  )
}

/**
 * Payload's MongoDB adapter turns transactions off unless the connection names a replica set
 * (`?replicaSet=…`; `mongodb+srv://` gets it from DNS): say so at start, not after a half-written import.
 */
export const mongoTransactionWarning = (uri: string): null | string =>
  uri.startsWith('mongodb+srv://') || /[?&]replicaSet=[^&]+/.test(uri)
    ? null
    : 'MongoDB without transactions: DATABASE_URI names no replica set (add ?replicaSet=<name>; a single-node replica set is enough). ' +
      'Payload then writes without transactions: a failed track-list import or publish can leave part of its writes behind, and concurrent saves are not isolated.'

/** Any fixed number: the advisory lock every instance of this app takes around its migrations. */
const MIGRATION_LOCK = 7_366_111

type PgPool = {
  connect: () => Promise<{ query: (sql: string, values: unknown[]) => Promise<unknown>; release: () => void }>
}

/**
 * Instances started together on one empty PostgreSQL database migrate one after another (a
 * session advisory lock around `migrate`), so the later ones find the migrations applied.
 */
const migrateOneAtATime = <T extends { migrate: (args?: never) => Promise<void> }>(adapter: T): T => {
  const migrate = adapter.migrate.bind(adapter)
  adapter.migrate = async (args?: never) => {
    const client = await (adapter as unknown as { pool: PgPool }).pool.connect()
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
      await migrate(args)
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
      client.release()
    }
  }
  return adapter
}

/** The adapter for `DATABASE_URI`: SQLite (embedded default), PostgreSQL or MongoDB. */
export const databaseAdapter = (uri: string = DEFAULT_DATABASE_URI): DatabaseAdapterObj => {
  switch (databaseKind(uri)) {
    case 'mongodb': {
      const mongo = mongooseAdapter({ url: uri, connectOptions: { serverSelectionTimeoutMS: 10_000 } })
      const warning = mongoTransactionWarning(uri)
      return warning
        ? {
            ...mongo,
            init: (args) => {
              args.payload.logger.warn(warning)
              return mongo.init(args)
            },
          }
        : mongo
    }
    case 'postgres': {
      const postgres = postgresAdapter({
        // A failover that drops packets fails requests after 5 s instead of hanging them.
        pool: { connectionString: uri, connectionTimeoutMillis: 5_000 },
        migrationDir: migrationDir('postgres'),
        prodMigrations: postgresMigrations,
      })
      return { ...postgres, init: (args) => migrateOneAtATime(postgres.init(args)) }
    }
    case 'sqlite': {
      const file = uri.startsWith('file:') ? uri.slice('file:'.length) : null
      if (file) {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
      }
      // SQLite runs without transactions unless transactionOptions is set.
      const sqlite = sqliteAdapter({
        client: { url: uri },
        transactionOptions: {},
        migrationDir: migrationDir('sqlite'),
        prodMigrations: sqliteMigrations,
      })
      return { ...sqlite, init: (args) => takeTurns(sqlite.init(args)) }
    }
  }
}
