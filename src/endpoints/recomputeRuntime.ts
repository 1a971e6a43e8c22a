import type { Endpoint } from 'payload'

import { hasRole } from '../access/roles.js'
import { recordCatalogChange } from '../changes/catalogChanges.js'
import { toCollectionID } from '../relationID.js'
import { recomputeFilmTotals } from '../runtime/filmTotals.js'
import { slugsOf } from '../settings.js'
import { soundtrackT } from '../translations/index.js'
import { json } from './respond.js'

/**
 * `POST /api/films/:id/recompute-runtime` (admin) — repair: the film's totals recomputed
 * from its tracks with one aggregate query. Answers the stored totals and what they were before.
 */
export const recomputeRuntimeEndpoint: Endpoint = {
  path: '/:id/recompute-runtime',
  method: 'post',
  handler: async (req) => {
    const t = soundtrackT(req.t)
    if (!req.user) {
      return json(req, { errors: [{ message: t('soundtrackReviews:recompute.error.signIn') }] }, 401)
    }
    if (!hasRole(req.user, 'admin')) {
      return json(req, { errors: [{ message: t('soundtrackReviews:recompute.error.adminsOnly') }] }, 403)
    }
    const raw = String(req.routeParams?.id ?? '')
    const film = toCollectionID({ req, collection: slugsOf(req.payload).films, id: raw })
    const notFound = () =>
      json(req, { errors: [{ message: t('soundtrackReviews:recompute.error.notFound', { id: raw }) }] }, 404)
    if (film === null) {
      return notFound()
    }
    const totals = await recomputeFilmTotals({ req, film })
    if (!totals) {
      return notFound()
    }
    // The repair writes with `db.updateOne`, which runs no hooks: the change feed hears of it here.
    if (
      totals.previous.trackCount !== totals.trackCount ||
      totals.previous.totalRuntimeSeconds !== totals.totalRuntimeSeconds
    ) {
      await recordCatalogChange(req, 'film', { id: film }, undefined, 'filmTotals')
    }
    return json(req, { id: film, ...totals })
  },
}
