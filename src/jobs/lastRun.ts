import type { FieldHook, Payload } from 'payload'

import { slugsOf } from '../settings.js'

/** What the last publishing run left: when it ran and what it could not publish. */
type LastRun = { lastRunAt: string; lastError: null | string }

/**
 * The run state lives in Payload's `kv` store, not in the schedule global: writing the global every
 * run would move its `updatedAt` (stale-form 409s for admins) and empty the public cache.
 */
export const lastRunKey = (payload: Payload): string => `soundtrack-reviews:${slugsOf(payload).schedule}:last-run`

export const recordLastRun = (payload: Payload, run: LastRun): Promise<void> => payload.kv.set(lastRunKey(payload), run)

/* Both fields of one read share one kv read: Payload hands their hooks the same document. */
const reads = new WeakMap<object, Promise<LastRun | null>>()

/** The read-only `lastRunAt`/`lastError` of the schedule: one kv read per read of the (single) global. */
export const showLastRun =
  (name: keyof LastRun): FieldHook =>
  async ({ data, req }) => {
    const doc = data ?? {}
    if (!reads.has(doc)) {
      reads.set(doc, req.payload.kv.get<LastRun>(lastRunKey(req.payload)))
    }
    return (await reads.get(doc))?.[name] ?? null
  }
