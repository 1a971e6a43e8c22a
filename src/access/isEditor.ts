import type { Access } from 'payload'

import { hasRole } from './hasRole'

/** Admins and editors: the people who write the column. */
export const isEditor: Access = ({ req }) => hasRole(req.user, 'admin') || hasRole(req.user, 'editor')
