import type { Role } from '../options'

type MaybeUser = Record<string, unknown> | null | undefined

export const hasRole = (user: MaybeUser, role: Role): boolean =>
  Array.isArray(user?.roles) && (user.roles as unknown[]).includes(role)
