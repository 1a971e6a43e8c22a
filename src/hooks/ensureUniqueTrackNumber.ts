import type { CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

import { relationID } from '../relationID.js'
import { slugsOf } from '../settings.js'
import { soundtrackT } from '../translations/index.js'

/**
 * A track number is unique per film and disc. The compound index enforces it in the database; this
 * turns a clash into a 400 on `number` that says which track already holds it.
 */
export const ensureUniqueTrackNumber: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const film = data.film ?? originalDoc?.film
  const disc = data.disc ?? originalDoc?.disc ?? 1
  const number = data.number ?? originalDoc?.number
  const filmID = relationID(film)
  // Anything but whole numbers is left to the fields' own validation, never put into a query.
  if (filmID === undefined || !Number.isInteger(number) || !Number.isInteger(disc)) {
    return data
  }
  const { docs } = await req.payload.find({
    collection: slugsOf(req.payload).tracks,
    where: {
      and: [
        { film: { equals: filmID } },
        { disc: { equals: disc } },
        { number: { equals: number } },
        ...(originalDoc?.id !== undefined ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    select: { title: true },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (docs.length > 0) {
    throw new ValidationError(
      {
        collection: slugsOf(req.payload).tracks,
        errors: [
          {
            path: 'number',
            label:
              req.payload.collections[slugsOf(req.payload).tracks]?.config.flattenedFields.find(
                (field) => field.name === 'number',
              )?.label || undefined,
            message: soundtrackT(req.t)('soundtrackReviews:validation.trackNumberTaken', {
              number,
              disc,
              title: docs[0].title,
            }),
          },
        ],
        req,
      },
      req.t,
    )
  }
  return data
}
