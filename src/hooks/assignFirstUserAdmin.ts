import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { hasRole } from '../access/roles.js'

type SQLAdapter = {
  name: string
  sessions?: Record<string, { db: unknown }>
  execute?: (args: { db: unknown; raw: string }) => Promise<unknown>
}

/** Any 64-bit number of our own: the key of PostgreSQL's lock for "who is the first user". */
const FIRST_USER_LOCK = 7_290_415_021

/**
 * PostgreSQL runs READ COMMITTED: two first registrations would both count zero users. A
 * transaction-scoped advisory lock makes the second wait for the first to commit, then count it.
 * SQLite writes one transaction at a time already; MongoDB is left as Payload runs it.
 */
const serializeFirstUsers = async (req: PayloadRequest): Promise<void> => {
  const db = req.payload.db as unknown as SQLAdapter
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const session = transactionID === undefined ? undefined : db.sessions?.[String(transactionID)]
  if (db.name === 'postgres' && session && db.execute) {
    await db.execute({ db: session.db, raw: `SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})` })
  }
}

/**
 * The first account (Payload's first-user screen or `POST /api/users/first-register`) is always an
 * admin; later accounts default to editor. Field access strips `roles` sent by non-admins, but
 * first-register writes with overrideAccess: a registration that lost the race for the first
 * account never keeps the roles it sent over HTTP.
 */
export const assignFirstUserAdmin: CollectionBeforeChangeHook = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') {
    return data
  }
  await serializeFirstUsers(req)
  const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
  if (totalDocs === 0) {
    return { ...data, roles: ['admin'] }
  }
  const isTrusted = req.payloadAPI === 'local' || hasRole(req.user, 'admin')
  const hasRoles = Array.isArray(data.roles) && data.roles.length > 0
  return isTrusted && hasRoles ? data : { ...data, roles: ['editor'] }
}
