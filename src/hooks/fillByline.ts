import type { CollectionBeforeChangeHook, CollectionSlug, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'

import { relationID } from '../relationID.js'

const isGiven = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

const nameOf = async ({ req, usersCollection, id }: { req: PayloadRequest; usersCollection: string; id?: ID }) => {
  if (id === undefined) {
    return undefined
  }
  const user = (await req.payload.findByID({
    collection: usersCollection as CollectionSlug,
    id,
    select: { name: true } as Record<string, true>,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as { name?: unknown } | null
  return isGiven(user?.name) ? user.name.trim() : undefined
}

/**
 * A review's `byline` is the public name printed on it: when left empty it is filled from the
 * author's `name` (when the users collection has one), so the public never needs to read a user.
 * A byline so filled follows a change of author; one the editor typed stays.
 */
export const fillByline =
  (usersCollection: string): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const users = req.payload.collections[usersCollection as CollectionSlug]
    if (!users?.config.flattenedFields.some((field) => field.name === 'name' && field.type === 'text')) {
      return data
    }
    // A value sent as null clears it: only a field left out of the write keeps the stored one.
    const author = relationID('author' in data ? data.author : originalDoc?.author)
    const previousAuthor = relationID(originalDoc?.author)
    const byline: unknown = 'byline' in data ? data.byline : originalDoc?.byline
    if (isGiven(byline)) {
      const isAuthorChanged = previousAuthor !== undefined && String(author) !== String(previousAuthor)
      const isBylineUntouched = data.byline === undefined || data.byline === originalDoc?.byline
      // Typed and filled bylines look alike: one equal to the previous author's name was filled from it.
      const wasFilled =
        isAuthorChanged &&
        isBylineUntouched &&
        byline.trim() === (await nameOf({ req, usersCollection, id: previousAuthor }))
      if (!wasFilled) {
        return data
      }
    }
    const name = await nameOf({ req, usersCollection, id: author })
    return name ? { ...data, byline: name } : isGiven(byline) ? { ...data, byline: null } : data
  }
