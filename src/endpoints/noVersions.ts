import type { Endpoint, Payload, PayloadHandler } from 'payload'

import { soundtrackT } from '../translations/index.js'
import { json } from './respond.js'

/**
 * Payload mounts `/versions` routes on every collection and global, Payload's own included; on one
 * without versions they answer a signed-in user 500 (its query builder finds no versions table).
 */
const noVersions =
  (slug: string): PayloadHandler =>
  (req) =>
    json(
      req,
      { errors: [{ message: soundtrackT(req.t)('soundtrackReviews:error.noVersions', { collection: slug }) }] },
      404,
    )

const versionRoutes = (slug: string): Endpoint[] =>
  (
    [
      ['/versions', 'get'],
      ['/versions/:id', 'get'],
      ['/versions/:id', 'post'],
    ] as const
  ).map(([path, method]) => ({ path, method, handler: noVersions(slug) }))

/** Likewise `/verify/:id` on an auth collection that does not verify e-mail addresses: Payload's handler answered 500. */
const noVerification =
  (slug: string): PayloadHandler =>
  (req) =>
    json(
      req,
      { errors: [{ message: soundtrackT(req.t)('soundtrackReviews:error.noVerification', { collection: slug }) }] },
      404,
    )

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
        { path: '/verify/:id', method: 'post', handler: noVerification(collection.slug) },
        ...collection.endpoints,
      ]
    }
  }
}
