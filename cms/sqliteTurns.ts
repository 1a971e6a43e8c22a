type TransactionID = null | number | string | undefined
type Statement = (...args: unknown[]) => Promise<unknown>
type LibsqlTransaction = Record<'batch' | 'execute' | 'executeMultiple', Statement> & {
  commit: () => Promise<void>
  rollback: () => Promise<void>
  close: () => void
  readonly closed: boolean
}
type LibsqlClient = Record<'batch' | 'execute' | 'executeMultiple', Statement> & {
  transaction: (mode?: 'deferred' | 'read' | 'write') => Promise<LibsqlTransaction>
}
type TurnTakingAdapter = {
  beginTransaction: (options?: unknown) => Promise<TransactionID>
  commitTransaction: (id: Promise<TransactionID> | TransactionID) => Promise<void>
  rollbackTransaction: (id: Promise<TransactionID> | TransactionID) => Promise<void>
  connect?: (...args: unknown[]) => Promise<void>
  client?: LibsqlClient
}

/** How long a write outside any transaction waits for the one holding the lock before trying anyway. */
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
 * libsql leaves a statement that met SQLITE_BUSY pending on its connection, and the next transaction
 * there (libsql hands the client's connection to it) then cannot COMMIT ("SQL statements in
 * progress"), an error Payload's adapter loses: the write was answered 200 and never stored. Handing
 * the connection to an empty transaction and closing it makes the client open a fresh one.
 */
const replaceConnection = async (transaction: LibsqlClient['transaction']): Promise<void> => {
  try {
    ;(await transaction('deferred')).close()
  } catch {
    // The next statement meets the same state and fails again: nothing is lost by trying later.
  }
}

const isBusy = (error: unknown): boolean =>
  String((error as { code?: unknown } | undefined)?.code ?? '').startsWith('SQLITE_BUSY')

/**
 * A transaction that takes SQLite's write lock (BEGIN IMMEDIATE, on the connection libsql hands it)
 * at its first statement, not at its start: Payload's forgot-password writes outside the transaction
 * it has just opened, before writing in it, and a lock taken at the start refused that write (a 500
 * on every request). `onLock` hears when the lock is taken, with a promise of its release.
 */
const lazyTransaction = (
  open: () => Promise<LibsqlTransaction>,
  onLock: (released: Promise<void>) => void,
): LibsqlTransaction => {
  let opened: Promise<LibsqlTransaction> | undefined
  let release = () => {}
  let isEnded = false
  const started = (): Promise<LibsqlTransaction> => {
    if (!opened) {
      onLock(new Promise<void>((resolve) => (release = resolve)))
      opened = open()
      opened.catch(() => release())
    }
    return opened
  }
  const statement =
    (name: 'batch' | 'execute' | 'executeMultiple'): Statement =>
    async (...args) =>
      (await started())[name](...args)
  const end = (how: 'commit' | 'rollback') => async () => {
    if (!opened) {
      isEnded = true
      return
    }
    try {
      await (await opened)[how]()
      isEnded = true
    } finally {
      release()
    }
  }
  return {
    execute: statement('execute'),
    batch: statement('batch'),
    executeMultiple: statement('executeMultiple'),
    commit: end('commit'),
    rollback: end('rollback'),
    close: () => {
      isEnded = true
      opened
        ?.then((transaction) => transaction.close())
        .catch(() => undefined)
        .finally(release)
    },
    get closed() {
      return isEnded
    },
  }
}

/**
 * SQLite has one writer, and libsql gives each transaction its own connection with no way to wait
 * for a lock short of blocking the event loop. So in one process (the job queue beside admin saves)
 * a second transaction, or a plain write such as Payload's job bookkeeping, fails with SQLITE_BUSY
 * or makes the open transaction's COMMIT fail. Here transactions take turns, and writes outside a
 * transaction wait while one holds the write lock (from its first statement to its end). And the
 * file is put in WAL mode: in SQLite's default journal a read on any other connection fails with
 * SQLITE_BUSY, at once, while a transaction commits, which under load made a public read (or a
 * webhook sweep just after a commit) fail.
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
        const transaction = client.transaction.bind(client)
        // Held by at most one transaction of this process at a time (they take turns).
        let lock: Promise<void> | undefined
        client.transaction = async (mode) =>
          lazyTransaction(
            () => transaction(mode),
            (released) => {
              lock = released
              void released.then(() => {
                if (lock === released) {
                  lock = undefined
                }
              })
            },
          )
        for (const name of ['execute', 'batch', 'executeMultiple'] as const) {
          const statement = client[name].bind(client)
          client[name] = async (...statementArgs) => {
            if (isWrite(statementArgs[0])) {
              // Until no transaction holds the lock (the next in turn may take it meanwhile), or the wait is over.
              const deadline = Date.now() + OUTSIDE_WAIT_MS
              while (lock && Date.now() < deadline) {
                await Promise.race([lock, delay(deadline - Date.now())])
              }
            }
            try {
              return await statement(...statementArgs)
            } catch (error) {
              if (isBusy(error)) {
                await replaceConnection(transaction)
              }
              throw error
            }
          }
        }
      }
    }
  }
  return instance
}

const guarded = new WeakSet<object>()
