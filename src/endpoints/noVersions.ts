import type { CollectionConfig, Endpoint, PayloadHandler } from 'payload'

import { soundtrackT } from '../translations/index.js'
import { json } from './respond.js'

/**
 * Payload mounts `/versions` routes on every collection; on one without versions they answer 500
 * (its query builder finds no versions table). Ours answer 404, saying why.
 */
const noVersions =
  (slug: string): PayloadHandler =>
  (req) =>
    json(
      req,
      { errors: [{ message: soundtrackT(req.t)('soundtrackReviews:error.noVersions', { collection: slug }) }] },
      404,
    )

export const withoutVersionRoutes = (collection: CollectionConfig): CollectionConfig =>
  collection.versions
    ? collection
    : {
        ...collection,
        endpoints: [
          ...(collection.endpoints || []),
          ...(
            [
              ['/versions', 'get'],
              ['/versions/:id', 'get'],
              ['/versions/:id', 'post'],
            ] as const
          ).map(([path, method]): Endpoint => ({ path, method, handler: noVersions(collection.slug) })),
        ],
      }
