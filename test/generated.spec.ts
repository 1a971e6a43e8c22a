import { readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'
import { generateTypes } from 'payload/node'
import { afterAll, describe, expect, it } from 'vitest'

import { testDatabaseURI } from './helpers'

const isSQLite = !process.env.MONGODB_URI && process.env.TEST_DB !== 'postgres'

process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
process.env.DATABASE_URI = testDatabaseURI('generated')
const { default: config } = await import('../cms/payload.config')

describe('committed generated files', () => {
  const tmp = path.join(os.tmpdir(), `payload-types-${process.pid}.ts`)

  afterAll(() => rmSync(tmp, { force: true }))

  // Generated ids are numbers on SQL databases and strings on MongoDB: the committed file is SQLite's.
  it.runIf(isSQLite)(
    'should have cms/payload-types.ts match the current config (run `npm run generate:types`)',
    async () => {
      process.env.PAYLOAD_TS_OUTPUT_PATH = tmp
      try {
        await generateTypes(await config, { log: false })
      } finally {
        delete process.env.PAYLOAD_TS_OUTPUT_PATH
      }
      const committed = readFileSync(path.resolve('cms/payload-types.ts'), 'utf8')
      expect(readFileSync(tmp, 'utf8')).toBe(committed)
    },
  )

  it.runIf(isSQLite)(
    'should have the committed SQLite migrations produce exactly the current schema (run `npm run payload -- migrate:create`)',
    async () => {
      // What `npm start` does in production: no schema push, only the committed migrations.
      process.env.PAYLOAD_MIGRATING = 'true'
      const { migrations } = await import('../cms/migrations/sqlite')
      const payload = await getPayload({ config })
      try {
        await payload.db.migrate({
          migrations: migrations as NonNullable<Parameters<typeof payload.db.migrate>[0]>['migrations'],
        })
        const db = payload.db as unknown as {
          schema: unknown
          drizzle: unknown
          requireDrizzleKit: () => {
            pushSchema: (schema: unknown, drizzle: unknown) => Promise<{ statementsToExecute: string[] }>
          }
        }
        const { statementsToExecute } = await db.requireDrizzleKit().pushSchema(db.schema, db.drizzle)
        expect(statementsToExecute).toEqual([])
      } finally {
        delete process.env.PAYLOAD_MIGRATING
        await payload.destroy()
      }
    },
  )
})
