import type { Payload } from 'payload'

import { EventEmitter } from 'node:events'
import { APIError } from 'payload'

/** drizzle keeps the pg client a transaction holds on the transaction's session (private in its types). */
type Sessions = Record<string, { db?: { session?: { client?: unknown } } } | undefined>

/**
 * Keeps the process alive when PostgreSQL restarts or fails over (57P01 "terminating connection due
 * to administrator command", connection resets) and never reports a commit lost that way as saved.
 * Payload's PostgreSQL adapters expose their `pg` Pool as `payload.db.pool`; other adapters are left alone.
 */
export const survivePostgresRestarts = (payload: Payload): void => {
  const { pool } = payload.db as { pool?: unknown }
  if (!(pool instanceof EventEmitter)) {
    return
  }
  const logLost = (error: Error) =>
    payload.logger.warn({ err: error }, 'soundtrackReviews: a PostgreSQL connection was lost; the pool opens a new one')
  const lostClients = new WeakSet<object>()
  const onCheckedOutError = function (this: EventEmitter, error: Error) {
    lostClients.add(this)
    logLost(error)
  }

  // pg-pool re-emits an idle client's error on the pool: with no listener, that ends the process.
  pool.on('error', logLost)
  // A checked-out client has no listener of pg-pool's, and it errors too, even after its query failed.
  pool.on('acquire', (client: EventEmitter) => client.on('error', onCheckedOutError))
  pool.on('release', (_error: unknown, client: EventEmitter) => client.off('error', onCheckedOutError))

  // Payload's drizzle adapter swallows a failed COMMIT (its transaction promise ends in a catch): ask the client.
  const db = payload.db
  const commit = db.commitTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    const client = (db as unknown as { sessions?: Sessions }).sessions?.[String(id)]?.db?.session?.client
    await commit(id)
    if (typeof client === 'object' && client !== null && lostClients.has(client)) {
      throw new APIError('The database connection was lost while saving: the change may not be saved. Try again.', 503)
    }
  }
}
