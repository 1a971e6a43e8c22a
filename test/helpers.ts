import type { Payload } from 'payload'

import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { getPayload } from 'payload'

const TEST_DATA = path.resolve('test/.data')

/**
 * A fresh database for one spec file: a new SQLite file by default, or a fresh PostgreSQL database /
 * MongoDB database name when TEST_DB=postgres (POSTGRES_URL) or MONGODB_URI are set.
 */
export const testDatabaseURI = (name: string): string => {
  const unique = `${name}_${process.pid}_${Date.now()}`.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase()
  if (process.env.MONGODB_URI) {
    const url = new URL(process.env.MONGODB_URI)
    url.pathname = `/${unique}`
    return url.toString()
  }
  if (process.env.TEST_DB === 'postgres') {
    const url = new URL(process.env.POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres')
    url.pathname = `/${unique}`
    return url.toString()
  }
  mkdirSync(TEST_DATA, { recursive: true })
  const file = path.join(TEST_DATA, `${unique}.db`)
  rmSync(file, { force: true })
  return `file:${file}`
}

export const startPayload = async (name: string): Promise<Payload> => {
  process.env.PAYLOAD_SECRET ||= 'test-secret-not-for-production'
  process.env.DATABASE_URI = testDatabaseURI(name)
  const { default: config } = await import('../src/payload.config')
  return getPayload({ config })
}
