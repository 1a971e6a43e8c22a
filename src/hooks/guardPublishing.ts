import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

import { hasRole } from '../access/roles.js'
import { PUBLISHED_BY_SCHEDULE } from '../context.js'

/**
 * Publishing (including re-publishing an edited published review) is for admins and the schedule.
 * Other non-draft writes by editors are refused earlier, by keepEditorsOnDrafts.
 */
export const guardPublishing: CollectionBeforeChangeHook = ({ data, req }) => {
  const isPublishing = data._status === 'published'
  if (isPublishing && req.user && !hasRole(req.user, 'admin') && !req.context[PUBLISHED_BY_SCHEDULE]) {
    throw new APIError(
      'Only admins can publish reviews. Save it as a draft (draft=true) and an admin or the weekly schedule will publish it.',
      403,
      undefined,
      true,
    )
  }
  return data
}
