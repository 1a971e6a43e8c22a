import type { RunningServer } from '../cms/server'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseAdapter, databaseKind, DEFAULT_DATABASE_URI } from '../cms/database'
import { soundtrackReviews } from '../src/index'
import { startTestServer } from './helpers'

describe('choosing the database from DATABASE_URI', () => {
  it('should pick SQLite, PostgreSQL or MongoDB from the URI scheme', () => {
    expect(databaseKind(DEFAULT_DATABASE_URI)).toBe('sqlite')
    expect(databaseKind(':memory:')).toBe('sqlite')
    expect(databaseKind('postgres://u:p@localhost:5432/db')).toBe('postgres')
    expect(databaseKind('postgresql://localhost/db')).toBe('postgres')
    expect(databaseKind('mongodb://localhost:27017/db')).toBe('mongodb')
    expect(databaseKind('mongodb+srv://cluster.example.net/db')).toBe('mongodb')
  })

  it('should refuse an unknown scheme with a sentence naming DATABASE_URI', () => {
    expect(() => databaseKind('mysql://localhost/db')).toThrow(
      /DATABASE_URI “mysql:\/\/localhost\/db” is not understood/,
    )
  })

  it('should configure the MongoDB adapter with the plugin without needing a server', async () => {
    const adapter = databaseAdapter('mongodb://127.0.0.1:1/soundtracks')
    expect(adapter.name).toBe('mongoose')
    expect(adapter.defaultIDType).toBe('text')
    const config = await buildConfig({
      secret: 'test-secret-not-for-production',
      db: adapter,
      editor: lexicalEditor(),
      plugins: [soundtrackReviews()],
    })
    expect(config.collections.map((c) => c.slug)).toEqual(expect.arrayContaining(['films', 'tracks', 'reviews']))
    // Compound index for unique track numbers is declared for every adapter, MongoDB included.
    expect(config.collections.find((c) => c.slug === 'tracks')?.indexes).toContainEqual(
      expect.objectContaining({ fields: ['film', 'disc', 'number'], unique: true }),
    )
  })
})

describe('/healthz', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startTestServer('healthz')
  })

  afterAll(async () => {
    // The database is already gone; closing it again may complain.
    await server?.close().catch(() => undefined)
  })

  it('should answer 200 while the database answers and 503 once its connection is gone', async () => {
    const up = await fetch(`${server.url}/healthz`)
    expect(up.status).toBe(200)
    expect(await up.json()).toEqual({ ok: true, db: server.payload.db.name })
    // Really lose the database: close the adapter's connection under the running server.
    await server.payload.db.destroy?.()
    const down = await fetch(`${server.url}/healthz`)
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({ ok: false, db: server.payload.db.name })
  })
})
