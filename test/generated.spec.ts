import type { Payload } from 'payload'

import { readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'
import { generateTypes } from 'payload/node'
import { afterAll, describe, expect, it } from 'vitest'

import { testDatabaseURI } from './helpers'

const isSQLite = !process.env.MONGODB_URI && process.env.TEST_DB !== 'postgres'
const isPostgres = !process.env.MONGODB_URI && process.env.TEST_DB === 'postgres'
const sqlKind = isPostgres ? 'postgres' : 'sqlite'

process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
process.env.DATABASE_URI = testDatabaseURI('generated')
const { default: config } = await import('../cms/payload.config')

const NUMERIC_DEFAULT = /^ALTER TABLE "(\w+)" ALTER COLUMN "(\w+)" SET DEFAULT (\d+);$/

/**
 * drizzle-kit's PostgreSQL introspection reads a numeric column's `DEFAULT 0` back as text and
 * proposes setting it again. Such a statement is dropped only once the database confirms that the
 * column already has exactly that default.
 */
const withoutNumericDefaultEchoes = async (payload: Payload, statements: string[]): Promise<string[]> => {
  if (!isPostgres) {
    return statements
  }
  const pool = (
    payload.db as unknown as {
      pool: { query: (text: string, values: unknown[]) => Promise<{ rows: { column_default: null | string }[] }> }
    }
  ).pool
  const remaining: string[] = []
  for (const statement of statements) {
    const [, table, column, value] = NUMERIC_DEFAULT.exec(statement) ?? []
    const { rows } = table
      ? await pool.query(
          'SELECT column_default FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
          [table, column],
        )
      : { rows: [] }
    if (rows[0]?.column_default !== value) {
      remaining.push(statement)
    }
  }
  return remaining
}

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

  it.runIf(isSQLite || isPostgres)(
    `should have the committed ${sqlKind} migrations produce exactly the current schema (run \`npm run payload -- migrate:create\`)`,
    async () => {
      // What `npm start` does in production: no schema push, only the committed migrations.
      process.env.PAYLOAD_MIGRATING = 'true'
      const { migrations } = isPostgres
        ? await import('../cms/migrations/postgres')
        : await import('../cms/migrations/sqlite')
      const payload = await getPayload({ config })
      try {
        await payload.db.migrate({
          migrations: migrations as NonNullable<Parameters<typeof payload.db.migrate>[0]>['migrations'],
        })
        const db = payload.db as unknown as {
          schema: unknown
          drizzle: unknown
          schemaName?: string
          requireDrizzleKit: () => {
            pushSchema: (
              schema: unknown,
              drizzle: unknown,
              schemaFilters?: string[],
            ) => Promise<{ statementsToExecute: string[] }>
          }
        }
        const { statementsToExecute } = await db
          .requireDrizzleKit()
          .pushSchema(db.schema, db.drizzle, isPostgres ? [db.schemaName || 'public'] : undefined)
        expect(await withoutNumericDefaultEchoes(payload, statementsToExecute)).toEqual([])
      } finally {
        delete process.env.PAYLOAD_MIGRATING
        await payload.destroy()
      }
    },
  )
})
