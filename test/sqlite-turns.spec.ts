import type { Payload, PayloadRequest } from 'payload'

import { createClient } from '@libsql/client'
import { commitTransaction, createLocalReq, initTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload } from './helpers'

const isSQLite = !process.env.MONGODB_URI && process.env.TEST_DB !== 'postgres'

let payload: Payload

beforeAll(async () => {
  payload = await startPayload('sqlite-turns')
})

afterAll(async () => {
  await payload?.destroy()
})

// SQLite only: other databases have real concurrent writers.
describe.runIf(isSQLite)('SQLite writes in one process (src/sqliteTurns.ts)', () => {
  const openTransaction = async (): Promise<PayloadRequest> => {
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    return req
  }

  it('should let a second transaction wait for the open one instead of failing with SQLITE_BUSY', async () => {
    const req = await openTransaction()
    await payload.create({ collection: 'films', data: { title: 'Inside the first transaction' }, req })
    const second = payload.create({ collection: 'films', data: { title: 'A second transaction' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await commitTransaction(req)
    await expect(second).resolves.toMatchObject({ title: 'A second transaction' })
    const { totalDocs } = await payload.count({
      collection: 'films',
      where: { title: { in: ['Inside the first transaction', 'A second transaction'] } },
    })
    expect(totalDocs).toBe(2)
  })

  it('should let a write outside any transaction wait for the open one, and keep both', async () => {
    const req = await openTransaction()
    const film = await payload.create({ collection: 'films', data: { title: 'Open while a plain write waits' }, req })
    const plain = payload.db.create({ collection: 'composers', data: { name: 'Plain write', slug: 'plain-write' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await commitTransaction(req)
    await expect(plain).resolves.toMatchObject({ name: 'Plain write' })
    expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({
      title: 'Open while a plain write waits',
    })
  })

  it('should answer a read while another connection commits, not fail with SQLITE_BUSY', async () => {
    const film = await payload.create({ collection: 'films', data: { title: 'Read while another commits' } })
    // Another connection (a transaction's own, or another process) between its writes and the end of
    // its COMMIT: in SQLite's default journal every reader elsewhere gets SQLITE_BUSY at once meanwhile.
    const other = createClient({ url: process.env.DATABASE_URI! })
    await other.execute('BEGIN EXCLUSIVE')
    await other.execute({ sql: 'UPDATE films SET director = ? WHERE id = ?', args: ['Not yet committed', film.id] })
    try {
      expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({
        title: 'Read while another commits',
        director: null,
      })
      await other.execute('COMMIT')
    } finally {
      other.close()
    }
    expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({
      director: 'Not yet committed',
    })
  })

  it('should store a transaction that follows a write refused with SQLITE_BUSY (libsql left that statement pending)', async () => {
    const film = await payload.create({ collection: 'films', data: { title: 'Refused, then saved' } })
    const other = createClient({ url: process.env.DATABASE_URI! })
    await other.execute('BEGIN EXCLUSIVE')
    try {
      await expect(
        payload.db.updateOne({ collection: 'films', id: film.id, data: { director: 'Refused' } }),
      ).rejects.toThrow()
      await other.execute('COMMIT')
    } finally {
      other.close()
    }
    // The next transaction is handed the client's connection: its COMMIT must not fail unseen.
    await payload.update({ collection: 'films', id: film.id, data: { director: 'Saved after the refusal' } })
    expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({
      director: 'Saved after the refusal',
    })
  })
})
