import type { CollectionBeforeChangeHook, CollectionSlug } from 'payload'

import { relationID } from '../relationID.js'

const isGiven = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * A review's `byline` is the public name printed on it: when left empty it is filled from the
 * author's `name` (when the users collection has one), so the public never needs to read a user.
 */
export const fillByline =
  (usersCollection: string): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    if (isGiven(data.byline ?? originalDoc?.byline)) {
      return data
    }
    const author = relationID(data.author ?? originalDoc?.author)
    const users = req.payload.collections[usersCollection as CollectionSlug]
    const hasName = users?.config.flattenedFields.some((field) => field.name === 'name' && field.type === 'text')
    if (author === undefined || !hasName) {
      return data
    }
    const user = (await req.payload.findByID({
      collection: usersCollection as CollectionSlug,
      id: author,
      select: { name: true } as Record<string, true>,
      depth: 0,
      disableErrors: true,
      overrideAccess: true,
      req,
    })) as { name?: unknown } | null
    return isGiven(user?.name) ? { ...data, byline: user.name.trim() } : data
  }
