type TransactionID = null | number | string | undefined
type Statement = (...args: unknown[]) => Promise<unknown>
type LibsqlClient = Record<'batch' | 'execute' | 'executeMultiple', Statement>
type TurnTakingAdapter = {
  beginTransaction: (options?: unknown) => Promise<TransactionID>
  commitTransaction: (id: Promise<TransactionID> | TransactionID) => Promise<void>
  rollbackTransaction: (id: Promise<TransactionID> | TransactionID) => Promise<void>
  connect?: (...args: unknown[]) => Promise<void>
  client?: LibsqlClient
}

/** How long a statement outside any transaction waits for the open one before trying anyway. */
const OUTSIDE_WAIT_MS = 5_000

const WRITE = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i

/** Reads never wait for the open transaction (Payload reads outside it mid-transaction): WAL lets them read beside it. */
const isWrite = (statement: unknown): boolean => {
  if (Array.isArray(statement)) {
    return statement.some(isWrite)
  }
  const sql = typeof statement === 'string' ? statement : (statement as { sql?: unknown } | undefined)?.sql
  return typeof sql !== 'string' || WRITE.test(sql)
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/**
 * SQLite has one writer, and libsql gives each transaction its own connection with no way to wait
 * for a lock short of blocking the event loop. So in one process (the job queue beside admin saves)
 * a second transaction, or a plain write such as Payload's job bookkeeping, fails with SQLITE_BUSY
 * or makes the open transaction's COMMIT fail. Here transactions take turns, and writes outside a
 * transaction wait for the current turn to end. And the file is put in WAL mode: in SQLite's default
 * journal a read on any other connection fails with SQLITE_BUSY, at once, while a transaction
 * commits, which under load made a public read (or a webhook sweep just after a commit) fail.
 */
export const takeTurns = <T extends object>(instance: T): T => {
  const adapter = instance as unknown as TurnTakingAdapter
  const begin = adapter.beginTransaction.bind(adapter)
  const commit = adapter.commitTransaction.bind(adapter)
  const rollback = adapter.rollbackTransaction.bind(adapter)
  const connect = adapter.connect?.bind(adapter)
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

  const ending =
    (end: (id: TransactionID) => Promise<void>) =>
    async (incoming: Promise<TransactionID> | TransactionID): Promise<void> => {
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

  if (connect) {
    adapter.connect = async (...args) => {
      await connect(...args)
      const client = adapter.client
      if (client && !guarded.has(client)) {
        guarded.add(client)
        // Kept in the file: every connection libsql opens later reads beside the writer. (In memory: no effect.)
        await client.execute('PRAGMA journal_mode = WAL')
        for (const name of ['execute', 'batch', 'executeMultiple'] as const) {
          const statement = client[name].bind(client)
          client[name] = async (...statementArgs) => {
            if (isWrite(statementArgs[0])) {
              await Promise.race([last, delay(OUTSIDE_WAIT_MS)])
            }
            return statement(...statementArgs)
          }
        }
      }
    }
  }
  return instance
}

const guarded = new WeakSet<object>()
