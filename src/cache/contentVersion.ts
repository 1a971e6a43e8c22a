import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
  Payload,
  PayloadRequest,
} from 'payload'

import { randomUUID } from 'node:crypto'

import { afterCommit } from './afterCommit.js'

/**
 * One version for everything the public cache serves, in Payload's `kv` store (a database row by
 * default, Redis with @payloadcms/kv-redis): every app instance reads it on every cached request,
 * so a bump written by one instance empties the others' caches on their next request.
 */
const VERSION_KEY = 'soundtrack-reviews:public-content-version'

export const readContentVersion = async (payload: Payload): Promise<string> => {
  const stored = (await payload.kv.get(VERSION_KEY)) as { version?: unknown } | null
  return typeof stored?.version === 'string' ? stored.version : 'initial'
}

/** A new version once `req`'s write has committed, so no reader caches the data from before it under it. */
export const bumpContentVersion = (req: PayloadRequest): Promise<void> =>
  afterCommit({
    req,
    key: VERSION_KEY,
    work: () => req.payload.kv.set(VERSION_KEY, { version: randomUUID() }),
  })

/** Collections whose documents public responses show (reviews, films, tracks, composers, bylines). */
export const invalidateAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}

export const invalidateAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}

/** The publication schedule: `/api/schedule` and the iCalendar show its queue and cadence. */
export const invalidateAfterGlobalChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  await bumpContentVersion(req)
  return doc
}
