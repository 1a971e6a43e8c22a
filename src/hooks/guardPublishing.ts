import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../access/roles.js'
import { PUBLISHED_BY_SCHEDULE } from '../context.js'
import { soundtrackT } from '../translations/index.js'

/**
 * Publishing (including re-publishing an edited published review) is for admins and the schedule.
 * Other non-draft writes by editors are refused earlier, by keepEditorsOnDrafts.
 */
export const guardPublishing: CollectionBeforeChangeHook = ({ data, req }) => {
  const isPublishing = data._status === 'published'
  if (isPublishing && req.user && !hasRole(req.user, 'admin') && !req.context[PUBLISHED_BY_SCHEDULE]) {
    throw new APIError(soundtrackT(req.t)('soundtrackReviews:validation.onlyAdminsPublish'), 403, undefined, true)
  }
  return data
}
