import type { PayloadRequest } from 'payload'

import { timingSafeEqual } from 'node:crypto'

import { hasRole } from './roles.js'

const isSameSecret = (given: string, expected: string): boolean =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))

/** `/api/payload-jobs/run`: admins, or an external cron holding `Authorization: Bearer $CRON_SECRET`. */
export const canRunJobs = ({ req }: { req: PayloadRequest }): boolean => {
  if (hasRole(req.user, 'admin')) {
    return true
  }
  const secret = process.env.CRON_SECRET
  const header = req.headers.get('authorization') ?? ''
  return Boolean(secret) && header.startsWith('Bearer ') && isSameSecret(header.slice('Bearer '.length), secret!)
}
