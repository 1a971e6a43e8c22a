import type { CollectionConfig, Config, Endpoint, Plugin } from 'payload'

import type { SoundtrackReviewsOptions } from './options'
import { Composers } from '../collections/Composers'
import { Films } from '../collections/Films'
import { Reviews } from '../collections/Reviews'
import { Tracks } from '../collections/Tracks'
import { withRoles } from '../collections/Users'
import { importTrackList } from './endpoints/importTrackList'
import { resolveOptions } from './options'

const withEndpoints = (collection: CollectionConfig, endpoints: Endpoint[]): CollectionConfig => ({
  ...collection,
  endpoints: [...(collection.endpoints || []), ...endpoints],
})

/**
 * `soundtrackReviews(options)` — the only place that wires the plugin into a Payload config:
 * collections, the users' roles, endpoints and the publishing job.
 */
export const soundtrackReviews =
  (pluginOptions: SoundtrackReviewsOptions = {}): Plugin =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const isActive = !options.disabled

    const existingUsers = (config.collections ?? []).find((c) => c.slug === options.usersCollection)
    const others = (config.collections ?? []).filter((c) => c.slug !== options.usersCollection)

    const films = Films(options)
    const collections: CollectionConfig[] = [
      withRoles(options, existingUsers),
      ...others,
      Composers(options),
      isActive ? withEndpoints(films, [importTrackList]) : films,
      Tracks(options),
      Reviews(options),
    ]

    return {
      ...config,
      collections,
      admin: { ...config.admin, user: config.admin?.user ?? options.usersCollection },
    }
  }
