import type { Access, CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

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

type LockData = {
  user?: { value?: unknown }
  document?: { relationTo?: unknown; value?: unknown }
  globalSlug?: unknown
}

/**
 * Whether `req.user` may edit what a lock names: the locked collection's or global's own update rule,
 * and for a rule that answers with a query, the document must match it (and exist).
 */
const mayEditLocked = async (req: PayloadRequest, { document, globalSlug }: LockData): Promise<boolean> => {
  if (typeof globalSlug === 'string') {
    const global = req.payload.config.globals.find(({ slug }) => slug === globalSlug)
    return Boolean(global && (await global.access.update?.({ req })))
  }
  const collection =
    typeof document?.relationTo === 'string'
      ? req.payload.collections[document.relationTo as CollectionSlug]
      : undefined
  const id = relationID(document?.value)
  if (!collection || id === undefined || id === null) {
    return false
  }
  const rule = await collection.config.access.update?.({ req, id })
  if (!rule) {
    return false
  }
  const where: Where = rule === true ? { id: { equals: id } } : { and: [rule, { id: { equals: id } }] }
  const { totalDocs } = await req.payload.count({
    collection: collection.config.slug,
    where,
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/** A new lock: admins any; staff their own, on a document they may edit (never, say, an admin-only webhook). */
const ownNewLockOrAdmin: Access = async ({ req, data }) => {
  if (hasRole(req.user, 'admin')) {
    return true
  }
  const lock = (data ?? {}) as LockData
  return isStaff(req.user) && relationID(lock.user?.value) === req.user?.id && (await mayEditLocked(req, lock))
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
