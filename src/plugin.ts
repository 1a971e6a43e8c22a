import type { CollectionConfig, Config, Endpoint, Plugin } from 'payload'

import type { ResolvedOptions, SoundtrackReviewsOptions } from './options.js'
import { Composers } from '../collections/Composers.js'
import { Films } from '../collections/Films.js'
import { PublicationSchedule } from '../collections/PublicationSchedule.js'
import { Reviews } from '../collections/Reviews.js'
import { Tracks } from '../collections/Tracks.js'
import { withRoles } from '../collections/Users.js'
import { canRunJobs } from './access/canRunJobs.js'
import { importTrackList } from './endpoints/importTrackList.js'
import { reviewFeedEndpoints } from './endpoints/reviewFeeds.js'
import { reviewJsonLdEndpoint } from './endpoints/reviewJsonLd.js'
import { reviewPageEndpoint } from './endpoints/reviewPage.js'
import { scheduleCalendarEndpoint, scheduleEndpoint } from './endpoints/schedule.js'
import { isJobRunner } from './jobs/jobRunner.js'
import { publishDueReviewsTask } from './jobs/publishDueReviews.js'
import { resolveOptions, withPluginSettings } from './options.js'

const withEndpoints = (collection: CollectionConfig, endpoints: Endpoint[]): CollectionConfig => ({
  ...collection,
  endpoints: [...(collection.endpoints || []), ...endpoints],
})

/** The publishing task, and (unless an external cron runs it) our queue and `default` in-process. */
const withJobs = (config: Config, options: ResolvedOptions): Config['jobs'] => {
  const jobs = config.jobs ?? {}
  const userAutoRun = jobs.autoRun
  const ours = [options.schedule.queue, 'default'].map((queue) => ({ cron: options.schedule.cron, queue }))
  return {
    ...jobs,
    tasks: [...(jobs.tasks ?? []), publishDueReviewsTask(options)],
    access: { run: canRunJobs, ...jobs.access },
    autoRun: async (payload) => {
      const theirs = typeof userAutoRun === 'function' ? await userAutoRun(payload) : (userAutoRun ?? [])
      const isRunningHere = options.schedule.runInProcess && isJobRunner(payload)
      const missing = ours.filter(({ queue }) => !theirs.some((run) => run.queue === queue))
      return isRunningHere ? [...theirs, ...missing] : theirs
    },
  }
}

/**
 * `soundtrackReviews(options)` — the only place that wires the plugin into a Payload config:
 * collections, the users' roles, the publication schedule, endpoints and the publishing job.
 */
export const soundtrackReviews =
  (pluginOptions: SoundtrackReviewsOptions = {}): Plugin =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const isActive = !options.disabled

    const existingUsers = (config.collections ?? []).find((c) => c.slug === options.usersCollection)
    const others = (config.collections ?? []).filter((c) => c.slug !== options.usersCollection)

    const films = Films(options)
    const reviews = Reviews(options)
    const collections: CollectionConfig[] = [
      withRoles(options, existingUsers),
      ...others,
      Composers(options),
      isActive ? withEndpoints(films, [importTrackList]) : films,
      Tracks(options),
      isActive ? withEndpoints(reviews, [reviewPageEndpoint(options), reviewJsonLdEndpoint(options)]) : reviews,
    ]
    const endpoints: Endpoint[] = isActive
      ? [scheduleEndpoint, scheduleCalendarEndpoint(options), ...reviewFeedEndpoints(options)]
      : []

    return {
      ...config,
      collections,
      globals: [...(config.globals ?? []), PublicationSchedule(options)],
      endpoints: [...(config.endpoints ?? []), ...endpoints],
      jobs: isActive ? withJobs(config, options) : config.jobs,
      admin: { ...config.admin, user: config.admin?.user ?? options.usersCollection },
      custom: withPluginSettings(config.custom, options),
    }
  }
