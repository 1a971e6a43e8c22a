import type { CollectionBeforeChangeHook } from 'payload'

/** A review published by hand gets `publishedAt` now unless one was given; the job gives the slot. */
export const stampPublishedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data._status === 'published' && !data.publishedAt && !originalDoc?.publishedAt) {
    return { ...data, publishedAt: new Date().toISOString() }
  }
  return data
}
