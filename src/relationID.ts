import type { CollectionSlug, PayloadRequest } from 'payload'

import { isValidID } from 'payload'

export type ID = number | string

/** A relationship value at depth 0 is an id; populated, it is a document with `id`. */
export const relationID = (value: unknown): ID | undefined => {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) {
    return value
  }
  if (value && typeof value === 'object' && 'id' in value) {
    return relationID((value as { id: unknown }).id)
  }
  return undefined
}

/** A total order on ids (numbers by value, text by code unit), so concurrent writers lock in one order. */
export const compareIDs = (a: ID, b: ID): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0

/** An id from a URL in the collection's own id type, or null when it cannot name a document (a 404, never a 500). */
export const toCollectionID = ({
  req,
  collection,
  id,
}: {
  req: PayloadRequest
  collection: string
  id: ID
}): ID | null => {
  const config = req.payload.collections[collection as CollectionSlug]
  const idType = config?.customIDType ?? req.payload.db.defaultIDType
  const text = String(id).trim()
  if (idType === 'number') {
    return /^\d{1,15}$/.test(text) ? Number(text) : null
  }
  const isObjectID = !config?.customIDType && req.payload.db.name === 'mongoose'
  return text !== '' && isValidID(text, isObjectID ? 'ObjectID' : 'text') ? text : null
}
