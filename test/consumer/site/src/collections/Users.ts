import type { CollectionConfig } from 'payload'

/** The site's own users, with a field of its own: the plugin adds `roles` beside it. */
export const Users: CollectionConfig = {
  slug: 'users',
  auth: true,
  admin: { useAsTitle: 'email' },
  fields: [{ name: 'nickname', type: 'text' }],
}
