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
  if (stored && new Date(stored).getTime() !== new Date(sent).getTime()) {
    const message = soundtrackT(req.t)('soundtrackReviews:validation.staleSchedule', {
      stored: new Date(stored).toISOString(),
      sent: new Date(sent).toISOString(),
    })
    throw new APIError(message, 409, { errors: [{ path: 'updatedAt', message }] }, true)
  }
  return args
}
