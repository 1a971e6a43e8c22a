import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook } from 'payload'

import type { ID } from '../relationID.js'

import { lockReviews, lockSchedule } from '../db/locks.js'

/**
 * A review's update or delete locks the schedule's row and then the review's before Payload reads
 * the review, so a slot write, an editor's draft, an admin's publish and the job's publish each
 * build on the last committed version. The schedule comes first because its writers lock reviews;
 * bulk writes (by `where`) take it too, and their rows are locked as Payload updates them.
 */
export const lockReviewBeforeWriting: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'update' && operation !== 'delete') {
    return args
  }
  await lockSchedule(req)
  const { id } = args as { id?: ID }
  if (id !== undefined) {
    await lockReviews(req, [id])
  }
  return args
}

/** Saving the schedule locks its row before Payload reads it: two saves take turns. */
export const lockScheduleBeforeSaving: GlobalBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation === 'update') {
    await lockSchedule(req)
  }
  return args
}
