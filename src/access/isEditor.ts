import type { Access } from 'payload'

import { isStaff } from './hasRole'

/** Admins and editors: the people who write the column. */
export const isEditor: Access = ({ req }) => isStaff(req.user)
