import type { Access } from 'payload'

import { isStaff } from './roles.js'

/** Admins and editors: the people who write the column. */
export const isAdminOrEditor: Access = ({ req }) => isStaff(req.user)
