import type { Role } from '../options.js'

type MaybeUser = Record<string, unknown> | null | undefined

export const hasRole = (user: MaybeUser, role: Role): boolean =>
  Array.isArray(user?.roles) && (user.roles as unknown[]).includes(role)

/** Admins and editors: the people who write the column. */
export const isStaff = (user: MaybeUser): boolean => hasRole(user, 'admin') || hasRole(user, 'editor')
