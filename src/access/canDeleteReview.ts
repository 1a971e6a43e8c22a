import type { Access, Where } from 'payload'

import { hasRole, isStaff } from './roles.js'

/**
 * Admins delete any review; an editor only a draft of their own that was never published (a
 * published review always carries `publishedAt`). A `Where`, so bulk deletes skip the rest and the
 * admin shows the delete button only where it applies.
 */
export const canDeleteReview: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) {
    return true
  }
  if (!req.user || !isStaff(req.user)) {
    return false
  }
  const ownNeverPublishedDraft: Where = {
    and: [{ author: { equals: req.user.id } }, { _status: { equals: 'draft' } }, { publishedAt: { exists: false } }],
  }
  return ownNeverPublishedDraft
}
