import type { CollectionBeforeChangeHook } from 'payload'

/**
 * The first account (Payload's first-user screen or `POST /api/users/first-register`) is always an
 * admin; later accounts default to editor. Field access already strips `roles` sent by non-admins.
 */
export const assignFirstUserAdmin: CollectionBeforeChangeHook = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') {
    return data
  }
  const { totalDocs } = await req.payload.count({ collection: collection.slug, overrideAccess: true, req })
  if (totalDocs === 0) {
    return { ...data, roles: ['admin'] }
  }
  const hasRoles = Array.isArray(data.roles) && data.roles.length > 0
  return hasRoles ? data : { ...data, roles: ['editor'] }
}
