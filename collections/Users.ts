import type { Access, CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { isAdmin, isAdminField } from '../src/access/isAdmin.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { hasRole } from '../src/access/roles.js'
import { roles } from '../src/access/roles.js'
import { assignFirstUserAdmin } from '../src/hooks/assignFirstUserAdmin.js'
import { translated } from '../src/translations/index.js'

const isAdminOrSelf: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) {
    return true
  }
  return req.user ? { id: { equals: req.user.id } } : false
}

/**
 * Adds `roles` to the site's users collection (creating a plain auth collection when there is none).
 * Access the site owner already set is kept; we only fill the gaps.
 */
export const withRoles = (options: ResolvedOptions, existing?: CollectionConfig): CollectionConfig => {
  const users: CollectionConfig = existing ?? { slug: options.usersCollection, auth: true, fields: [] }
  return {
    ...users,
    admin: { useAsTitle: 'email', defaultColumns: ['email', 'roles'], ...users.admin },
    access: {
      admin: ({ req }) => isAdminOrEditor({ req }) === true,
      read: isAdminOrSelf,
      create: isAdmin,
      update: isAdminOrSelf,
      delete: isAdmin,
      ...users.access,
    },
    hooks: { ...users.hooks, beforeChange: [assignFirstUserAdmin, ...(users.hooks?.beforeChange ?? [])] },
    fields: [
      ...users.fields,
      {
        name: 'roles',
        type: 'select',
        hasMany: true,
        required: true,
        defaultValue: ['editor'],
        saveToJWT: true,
        label: translated('soundtrackReviews:field.roles'),
        options: roles.map((value) => ({ label: translated(`soundtrackReviews:role.${value}`), value })),
        access: { create: isAdminField, update: isAdminField },
        admin: { description: translated('soundtrackReviews:description.roles') },
      },
    ],
  }
}
