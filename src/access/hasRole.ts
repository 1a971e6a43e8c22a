import type { Role } from '../options'

type MaybeUser = { roles?: null | readonly string[] } | null | undefined

export const hasRole = (user: MaybeUser, role: Role): boolean => Boolean(user?.roles?.includes(role))
