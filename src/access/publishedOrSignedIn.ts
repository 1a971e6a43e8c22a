import type { Access } from 'payload'

import { isAdminOrEditor } from './isAdminOrEditor.js'

/**
 * The one rule for what the public sees of a versioned collection: staff see everything, everyone
 * else only published documents. A `Where` on `_status`, so Payload applies it to lists, by-id,
 * `draft=true`, joins, population and GraphQL alike.
 */
export const publishedOrSignedIn: Access = (args) =>
  isAdminOrEditor(args) ? true : { _status: { equals: 'published' } }
