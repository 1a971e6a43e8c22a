import type { Payload, PayloadRequest } from 'payload'

type TransactionID = number | string
type Work = () => Promise<void>
type Queued = {
  /** Runs last inside the transaction: what it writes commits (or rolls back) with the change. */
  beforeCommit: Map<string, Work>
  afterCommit: Map<string, Work>
  /** Lists gathered from the transaction's writes, by key (collectUntilCommit). */
  collected: Map<string, unknown[]>
}
type Pending = Map<TransactionID, Queued>

const pendingOf = new WeakMap<Payload, Pending>()

/** The write it follows is committed: a failure here is logged, never reported as the write's. */
const runSafely = async (payload: Payload, work: Work): Promise<void> => {
  try {
    await work()
  } catch (error) {
    payload.logger.error({ err: error }, 'soundtrackReviews: work after a committed change failed')
  }
}

/** The open transaction `req` writes in, if any, and the work queued on it (once installAfterCommit ran). */
const transactionOf = async (req: PayloadRequest) => {
  const id = req.transactionID === undefined ? undefined : await req.transactionID
  const pending = pendingOf.get(req.payload)
  if (id === undefined || id === null || !pending) {
    return undefined
  }
  const queued = pending.get(id) ?? { beforeCommit: new Map(), afterCommit: new Map(), collected: new Map() }
  pending.set(id, queued)
  return queued
}

/**
 * Runs `work` once `req`'s transaction has committed (at once when there is none), keyed so one
 * transaction runs each kind of work once. Work never runs for a transaction that rolls back.
 */
export const afterCommit = async ({ req, key, work }: { req: PayloadRequest; key: string; work: Work }) => {
  const queued = await transactionOf(req)
  if (!queued) {
    await runSafely(req.payload, work)
    return
  }
  queued.afterCommit.set(key, work)
}

/**
 * Gathers `items` from every write of `req`'s transaction under `key`. Once, just before the commit
 * (inside the transaction; when it throws, nothing commits), `beforeCommit` turns the whole list
 * into what `afterCommit` then gets. Without a transaction, both at once. A transaction that rolls
 * back drops the list.
 */
export const collectUntilCommit = async <T, R>({
  req,
  key,
  items,
  beforeCommit,
  afterCommit: after,
}: {
  req: PayloadRequest
  key: string
  items: T[]
  beforeCommit: (all: T[]) => Promise<R>
  afterCommit: (prepared: R) => Promise<void>
}): Promise<void> => {
  const queued = await transactionOf(req)
  if (!queued) {
    const prepared = await beforeCommit(items)
    await runSafely(req.payload, () => after(prepared))
    return
  }
  const all = (queued.collected.get(key) ?? []) as T[]
  queued.collected.set(key, all)
  all.push(...items)
  let prepared: R
  queued.beforeCommit.set(key, async () => {
    prepared = await beforeCommit(all)
  })
  queued.afterCommit.set(key, () => after(prepared))
}

/** Hooks the adapter's commit and rollback (once per Payload instance) so queued work runs or is dropped. */
export const installAfterCommit = (payload: Payload): void => {
  if (pendingOf.has(payload)) {
    return
  }
  const pending: Pending = new Map()
  pendingOf.set(payload, pending)
  const db = payload.db
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  const take = (id: TransactionID) => {
    const queued = pending.get(id)
    pending.delete(id)
    return queued
  }
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    // Work done before the commit may queue more (its own writes run hooks): take until none is left.
    const after: Work[] = []
    for (let queued = take(id); queued; queued = take(id)) {
      after.push(...queued.afterCommit.values())
      for (const work of queued.beforeCommit.values()) {
        await work()
      }
    }
    await commit(id)
    for (const work of after) {
      await runSafely(payload, work)
    }
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    take(id)
    await rollback(id)
  }
}
