import type { Endpoint, Payload, PayloadHandler } from 'payload'

import { soundtrackT } from '../translations/index.js'
import { json } from './respond.js'

type MissingKey = 'soundtrackReviews:error.noVerification' | 'soundtrackReviews:error.noVersions'

/**
 * A 404 saying what the collection lacks. Payload mounts `/versions` routes on every collection and
 * global, Payload's own included, and `/verify/:id` on every auth collection; where there are no
 * versions, or no verification, its handlers answered 500.
 */
const missing =
  (key: MissingKey, slug: string): PayloadHandler =>
  (req) =>
    json(req, { errors: [{ message: soundtrackT(req.t)(key, { collection: slug }) }] }, 404)

const versionRoutes = (slug: string): Endpoint[] =>
  (
    [
      ['/versions', 'get'],
      ['/versions/:id', 'get'],
      ['/versions/:id', 'post'],
    ] as const
  ).map(([path, method]) => ({ path, method, handler: missing('soundtrackReviews:error.noVersions', slug) }))

/**
 * Once the config is sanitized (onInit): every collection and global without versions answers those
 * routes 404, and every auth collection without verification its `/verify/:id`, ahead of Payload's.
 */
export const answerMissingVersions = (payload: Payload): void => {
  const collections = Object.values(payload.collections).map(({ config }) => config)
  for (const entity of [...collections, ...payload.config.globals]) {
    if (!entity.versions && Array.isArray(entity.endpoints)) {
      entity.endpoints = [...versionRoutes(entity.slug), ...entity.endpoints]
    }
  }
  for (const collection of collections) {
    if (collection.auth && !collection.auth.verify && Array.isArray(collection.endpoints)) {
      collection.endpoints = [
        {
          path: '/verify/:id',
          method: 'post',
          handler: missing('soundtrackReviews:error.noVerification', collection.slug),
        },
        ...collection.endpoints,
      ]
    }
  }
}
