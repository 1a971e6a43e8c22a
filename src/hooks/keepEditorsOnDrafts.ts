import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { hasRole, isStaff } from '../access/roles.js'

/**
 * Editors change reviews only through drafts. A write without `draft` replaces the live document,
 * so it could unpublish a review or change its public text; that is the admins' call, and so is
 * restoring an earlier version. Publishing itself is refused by guardPublishing.
 */
export const keepEditorsOnDrafts: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const { data, overrideAccess } = args as { data?: { _status?: unknown }; overrideAccess?: boolean }
  const isEditorOnly = isStaff(req.user) && !hasRole(req.user, 'admin') && !overrideAccess
  if (!isEditorOnly) {
    return args
  }
  if (operation === 'restoreVersion') {
    throw new APIError('Only admins can restore an earlier version of a review.', 403, undefined, true)
  }
  const isPublishing = data?._status === 'published'
  if (operation === 'update' && !args.draft && data?._status === 'draft') {
    throw new APIError(
      'Only an admin can unpublish a review. To change its text, save a draft (draft=true).',
      403,
      undefined,
      true,
    )
  }
  if (operation === 'update' && !args.draft && !isPublishing) {
    throw new APIError(
      'Editors save reviews as drafts: send draft=true (the admin’s “Save draft”). An admin publishes them.',
      403,
      undefined,
      true,
    )
  }
  return args
}
