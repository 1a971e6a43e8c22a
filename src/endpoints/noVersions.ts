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

/** Once the config is sanitized (onInit): every collection and global without versions answers those routes 404, ahead of Payload's. */
export const answerMissingVersions = (payload: Payload): void => {
  const entities = [...Object.values(payload.collections).map(({ config }) => config), ...payload.config.globals]
  for (const entity of entities) {
    if (!entity.versions && Array.isArray(entity.endpoints)) {
      entity.endpoints = [...versionRoutes(entity.slug), ...entity.endpoints]
    }
  }
}
