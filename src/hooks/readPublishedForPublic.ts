import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../access/roles.js'

/**
 * `draft=true` means "latest version", and a published review's latest version may be a draft that
 * the access rule then hides, taking the published text with it. The public reads published
 * documents, so for them `draft` is ignored; the access rule on `_status` still decides visibility.
 */
export const readPublishedForPublic: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && args.draft && !args.overrideAccess && !isStaff(req.user)) {
    return { ...args, draft: false }
  }
  return args
}
