import type { Access } from 'payload'

import { isStaff } from './hasRole.js'

/** Admins and editors: the people who write the column. */
export const isEditor: Access = ({ req }) => isStaff(req.user)
