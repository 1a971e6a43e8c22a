/** The roles the plugin adds to the users collection. */
export const roles = ['admin', 'editor'] as const
export type Role = (typeof roles)[number]

type MaybeUser = Record<string, unknown> | null | undefined

export const hasRole = (user: MaybeUser, role: Role): boolean =>
  Array.isArray(user?.roles) && (user.roles as unknown[]).includes(role)

/** Admins and editors: the people who write the column. */
export const isStaff = (user: MaybeUser): boolean => hasRole(user, 'admin') || hasRole(user, 'editor')
