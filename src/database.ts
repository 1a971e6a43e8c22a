import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { migrations } from './migrations'

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

type TransactionID = null | number | string | undefined
type TransactionalAdapter = {
  beginTransaction: (options?: unknown) => Promise<TransactionID>
  commitTransaction: (id: TransactionID | Promise<TransactionID>) => Promise<void>
  rollbackTransaction: (id: TransactionID | Promise<TransactionID>) => Promise<void>
}

/**
 * SQLite has one writer. libsql gives each transaction its own connection and has no way to wait
 * for a lock without blocking the event loop, so two transactions open at once in this process
 * (say the job queue and a save from the admin) fail with SQLITE_BUSY. Transactions take turns.
 */
const takeTurns = <T extends TransactionalAdapter>(adapter: T): T => {
  const begin = adapter.beginTransaction.bind(adapter)
  const commit = adapter.commitTransaction.bind(adapter)
  const rollback = adapter.rollbackTransaction.bind(adapter)
  const releases = new Map<TransactionID, () => void>()
  let last: Promise<void> = Promise.resolve()

  adapter.beginTransaction = async (options) => {
    let release!: () => void
    const turn = new Promise<void>((resolve) => (release = resolve))
    const previous = last
    last = previous.then(() => turn)
    await previous
    try {
      const id = await begin(options)
      if (id === null || id === undefined) {
        release()
      } else {
        releases.set(id, release)
      }
      return id
    } catch (error) {
      release()
      throw error
    }
  }
  const ending = (end: (id: TransactionID) => Promise<void>) => async (incoming: TransactionID | Promise<TransactionID>) => {
    const id = await incoming
    try {
      await end(id)
    } finally {
      releases.get(id)?.()
      releases.delete(id)
    }
  }
  adapter.commitTransaction = ending(commit)
  adapter.rollbackTransaction = ending(rollback)
  return adapter
}

/** The adapter for `DATABASE_URI`: SQLite (embedded default), PostgreSQL or MongoDB. */
export const databaseAdapter = (uri: string = DEFAULT_DATABASE_URI): DatabaseAdapterObj => {
  switch (databaseKind(uri)) {
    case 'mongodb':
      return mongooseAdapter({ url: uri, connectOptions: { serverSelectionTimeoutMS: 10_000 } })
    case 'postgres':
      return postgresAdapter({ pool: { connectionString: uri } })
    case 'sqlite': {
      const file = uri.startsWith('file:') ? uri.slice('file:'.length) : null
      if (file) {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
      }
      // SQLite runs without transactions unless transactionOptions is set.
      const sqlite = sqliteAdapter({ client: { url: uri }, transactionOptions: {}, prodMigrations: migrations })
      return { ...sqlite, init: (args) => takeTurns(sqlite.init(args) as unknown as TransactionalAdapter) as never }
    }
  }
}
