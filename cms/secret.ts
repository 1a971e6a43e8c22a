import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const SECRET_FILE = path.resolve('data', '.payload-secret')

/**
 * `PAYLOAD_SECRET` when set; outside production one is generated once into `./data/` so a
 * newcomer's `npm start` needs no setup. Production must set it.
 */
export const resolvePayloadSecret = (): string => {
  const fromEnv = process.env.PAYLOAD_SECRET
  if (fromEnv) {
    return fromEnv
  }
  if (process.env.NODE_ENV === 'production') {
    throw new Error('PAYLOAD_SECRET must be set when NODE_ENV=production.')
  }
  if (!existsSync(SECRET_FILE)) {
    mkdirSync(path.dirname(SECRET_FILE), { recursive: true })
    writeFileSync(SECRET_FILE, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return readFileSync(SECRET_FILE, 'utf8').trim()
}
