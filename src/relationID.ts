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
