import type { Payload, PayloadRequest } from 'payload'

type TransactionID = number | string
type Work = () => Promise<void>
type Pending = Map<TransactionID, Map<string, Work>>

const pendingOf = new WeakMap<Payload, Pending>()

/** The write it follows is committed: a failure here is logged, never reported as the write's. */
const runSafely = async (payload: Payload, work: Work): Promise<void> => {
  try {
    await work()
  } catch (error) {
    payload.logger.error({ err: error }, 'soundtrackReviews: work after a committed change failed')
  }
}

/**
 * Runs `work` once `req`'s transaction has committed (at once when there is none), keyed so one
 * transaction runs each kind of work once. Work never runs for a transaction that rolls back.
 */
export const afterCommit = async ({ req, key, work }: { req: PayloadRequest; key: string; work: Work }) => {
  const id = req.transactionID === undefined ? undefined : await req.transactionID
  const pending = pendingOf.get(req.payload)
  if (id === undefined || id === null || !pending) {
    await runSafely(req.payload, work)
    return
  }
  const jobs = pending.get(id) ?? new Map<string, Work>()
  jobs.set(key, work)
  pending.set(id, jobs)
}

/** Hooks the adapter's commit and rollback (once per Payload instance) so `afterCommit` work runs or is dropped. */
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
    const jobs = pending.get(id)
    pending.delete(id)
    return jobs
  }
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    await commit(id)
    for (const work of take(id)?.values() ?? []) {
      await runSafely(payload, work)
    }
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    take(id)
    await rollback(id)
  }
}
