import type { Access, Payload } from 'payload'

import { relationID } from '../relationID.js'
import { isAdmin } from './isAdmin.js'
import { hasRole, isStaff } from './roles.js'

const JOB_STATS = 'payload-jobs-stats'
const LOCKED_DOCUMENTS = 'payload-locked-documents'

/** The admin's edit view reads and writes locks for whoever edits: staff keep their own, admins all. */
const ownLocksOrAdmin: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) {
    return true
  }
  return req.user && isStaff(req.user) ? { 'user.value': { equals: req.user.id } } : false
}

const ownNewLockOrAdmin: Access = ({ req, data }) => {
  const owner = (data as { user?: { value?: unknown } } | undefined)?.user?.value
  return hasRole(req.user, 'admin') || (isStaff(req.user) && relationID(owner) === req.user?.id)
}

/**
 * Payload adds the jobs-stats global and the locked-documents collection after plugins have run,
 * with "any signed-in user" access; this narrows them once the config is sanitized (onInit).
 * `payload-jobs` itself is closed by Payload (every operation false) and stays so.
 */
export const restrictSystemCollections = (payload: Payload): void => {
  const stats = payload.config.globals.find((global) => global.slug === JOB_STATS)
  if (stats) {
    stats.access = { ...stats.access, read: isAdmin, update: isAdmin, readVersions: isAdmin }
  }
  const locks = payload.collections[LOCKED_DOCUMENTS as keyof typeof payload.collections]?.config
  if (locks) {
    locks.access = {
      ...locks.access,
      read: ({ req }) => isStaff(req.user),
      create: ownNewLockOrAdmin,
      update: ownLocksOrAdmin,
      delete: ownLocksOrAdmin,
    }
  }
}
