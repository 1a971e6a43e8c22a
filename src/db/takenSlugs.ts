import type { CollectionSlug, Where } from 'payload'

import type { SlugLookup } from '../../fields/slug.js'

import { relationID } from '../relationID.js'
import { slugsOf } from '../settings.js'

/**
 * Slugs other documents of the collection hold: in the main table and, for collections with drafts,
 * in each document's latest version, so a draft cannot take a slug another review's page uses.
 */
export const takenSlugs: SlugLookup['taken'] = async ({ collection, id, req, slugs }) => {
  const hasDrafts = Boolean(req.payload.collections[collection as CollectionSlug]?.config.versions?.drafts)
  const where: Where = { and: [{ slug: { in: slugs } }, ...(id === undefined ? [] : [{ id: { not_equals: id } }])] }
  const reads = (hasDrafts ? [false, true] : [false]).map((draft) =>
    req.payload.find({
      collection: collection as CollectionSlug,
      where,
      draft,
      select: { slug: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
  )
  return new Set((await Promise.all(reads)).flatMap(({ docs }) => docs.map((doc) => String(doc.slug))))
}

/** A review's suffix year: its film's release year. */
export const filmReleaseYear: NonNullable<SlugLookup['year']> = async ({ data, req }) => {
  const film = relationID(data.film)
  if (film === undefined) {
    return undefined
  }
  const doc = await req.payload.findByID({
    collection: slugsOf(req.payload).films,
    id: film,
    select: { releaseYear: true },
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  return doc?.releaseYear
}
