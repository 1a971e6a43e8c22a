import type { GlobalBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { readStoredSchedule } from '../schedule/queue.js'
import { soundtrackT } from '../translations/index.js'

/**
 * A save that says which version it was made from (`updatedAt`, as the admin's form sends it) is
 * refused with 409 when the schedule has been saved since — by another admin, a publish or the
 * job — instead of overwriting their queue. Runs after the row is locked (lockScheduleBeforeSaving).
 */
export const refuseStaleSchedule: GlobalBeforeOperationHook = async ({ args, operation, req }) => {
  const sent = (args.data as { updatedAt?: unknown } | undefined)?.updatedAt
  if (operation !== 'update' || (typeof sent !== 'string' && !(sent instanceof Date))) {
    return args
  }
  const { updatedAt: stored } = await readStoredSchedule(req)
  const [storedAt, sentAt] = [new Date(stored ?? 0).getTime(), new Date(sent).getTime()]
  if (stored && storedAt !== sentAt) {
    // Later than the last save: no form was ever loaded from that version.
    const key = sentAt > storedAt ? 'validation.unknownScheduleVersion' : 'validation.staleSchedule'
    const message = soundtrackT(req.t)(`soundtrackReviews:${key}`, {
      stored: new Date(storedAt).toISOString(),
      sent: new Date(sentAt).toISOString(),
    })
    throw new APIError(message, 409, { errors: [{ path: 'updatedAt', message }] }, true)
  }
  return args
}
