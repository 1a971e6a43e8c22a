import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { hasRole, isStaff } from '../access/roles.js'
import { soundtrackT } from '../translations/index.js'

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
  const t = soundtrackT(req.t)
  if (operation === 'restoreVersion') {
    throw new APIError(t('soundtrackReviews:validation.onlyAdminsRestore'), 403, undefined, true)
  }
  const isPublishing = data?._status === 'published'
  if (operation === 'update' && !args.draft && data?._status === 'draft') {
    throw new APIError(t('soundtrackReviews:validation.onlyAdminsUnpublish'), 403, undefined, true)
  }
  if (operation === 'update' && !args.draft && !isPublishing) {
    throw new APIError(t('soundtrackReviews:validation.editorsSaveDrafts'), 403, undefined, true)
  }
  return args
}
