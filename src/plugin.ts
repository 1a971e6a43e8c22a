import type { CollectionConfig, Config, Endpoint, Field, GlobalConfig, Plugin } from 'payload'

import type { ResolvedOptions, SoundtrackReviewsOptions } from './types.js'

import { Composers } from '../collections/Composers.js'
import { Films } from '../collections/Films.js'
import { PublicationSchedule } from '../collections/PublicationSchedule.js'
import { Reviews } from '../collections/Reviews.js'
import { Tracks } from '../collections/Tracks.js'
import { withRoles } from '../collections/Users.js'
import { WebhookDeliveries } from '../collections/WebhookDeliveries.js'
import { WebhookEndpoints } from '../collections/WebhookEndpoints.js'
import { componentPath } from '../fields/componentPath.js'
import { canRunJobs } from './access/canRunJobs.js'
import { restrictSystemCollections } from './access/restrictSystemCollections.js'
import { installAfterCommit } from './cache/afterCommit.js'
import { cachedEndpoint } from './cache/publicCache.js'
import { revalidateEndpoint } from './changes/revalidate.js'
import { answerDatabaseUnavailable } from './db/databaseUnavailable.js'
import { survivePostgresRestarts } from './db/survivePostgresRestarts.js'
import { importTrackList } from './endpoints/importTrackList.js'
import { answerMissingVersions } from './endpoints/noVersions.js'
import { recomputeRuntimeEndpoint } from './endpoints/recomputeRuntime.js'
import { reviewFeedEndpoints } from './endpoints/reviewFeeds.js'
import { reviewJsonLdEndpoint } from './endpoints/reviewJsonLd.js'
import { reviewPageEndpoint } from './endpoints/reviewPage.js'
import { scheduleCalendarEndpoint, scheduleEndpoint } from './endpoints/schedule.js'
import { answerMalformedWhere, refuseMalformedInput } from './hooks/refuseMalformedInput.js'
import { deliverWebhooksTask } from './jobs/deliverWebhooks.js'
import { isJobRunner } from './jobs/jobRunner.js'
import { publishDueReviewsTask } from './jobs/publishDueReviews.js'
import { resolveOptions } from './options.js'
import { reindexSearchEndpoint, searchEndpoint } from './search/endpoints.js'
import { withSearchTablesHiddenFromPush } from './search/hideFromPush.js'
import { createSearchIndex } from './search/searchIndex.js'
import { withPluginSettings } from './settings.js'
import { analyzeSQLite } from './sqlAdapter.js'
import { withStaticLabels, withTranslations } from './translations/index.js'
import {
  resendDeliveryEndpoint,
  rotateSecretEndpoint,
  sendTestEndpoint,
  webhookAlertsEndpoint,
} from './webhooks/endpoints.js'
import { startWebhooks } from './webhooks/start.js'

const withEndpoints = (collection: CollectionConfig, endpoints: Endpoint[]): CollectionConfig => ({
  ...collection,
  endpoints: [...(collection.endpoints || []), ...endpoints],
})

/**
 * Payload checks relationship ids against `filterOptions` when a field has one; `() => true` makes
 * an id of no document a 400 on that field instead of a foreign-key error from the database.
 */
const relationsMustExist = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if ((field.type === 'relationship' || field.type === 'upload') && !field.filterOptions) {
      return { ...field, filterOptions: () => true } as Field
    }
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: relationsMustExist(tab.fields) })) }
    }
    return 'fields' in field ? ({ ...field, fields: relationsMustExist(field.fields) } as Field) : field
  })

/** A field without the plugin's admin components: a `ui` field is dropped, any other keeps Payload's own input. */
const withoutComponents = (fields: Field[]): Field[] =>
  fields.flatMap((field): Field[] => {
    if (field.type === 'ui') {
      return []
    }
    const { components: _omitted, ...admin } = (field.admin ?? {}) as Record<string, unknown>
    const plain = { ...field, admin } as Field
    if (plain.type === 'tabs') {
      return [{ ...plain, tabs: plain.tabs.map((tab) => ({ ...tab, fields: withoutComponents(tab.fields) })) }]
    }
    return ['fields' in plain ? ({ ...plain, fields: withoutComponents(plain.fields) } as Field) : plain]
  })

/**
 * `disabled`: the schema and the rules that keep its data right stay; the admin components go with the
 * endpoints they call.
 */
const withoutAdminUI = <T extends CollectionConfig | GlobalConfig>(entity: T): T => {
  const { components: _omitted, ...admin } = (entity.admin ?? {}) as Record<string, unknown>
  return { ...entity, admin, fields: withoutComponents(entity.fields) }
}

/** Checked before the plugin's own hooks, which put relationship values into queries. */
const withInputChecks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: relationsMustExist(collection.fields),
  hooks: {
    ...collection.hooks,
    beforeOperation: [refuseMalformedInput, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/** The publishing task, and (unless an external cron runs it) our queue and `default` in-process. */
const withJobs = (config: Config, options: ResolvedOptions): Config['jobs'] => {
  const jobs = config.jobs ?? {}
  const userAutoRun = jobs.autoRun
  const ours = [options.schedule.queue, 'default'].map((queue) => ({ cron: options.schedule.cron, queue }))
  return {
    ...jobs,
    tasks: [...(jobs.tasks ?? []), publishDueReviewsTask(options), deliverWebhooksTask(options)],
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

    const i18n = withTranslations(config.i18n)
    const labelled = <T extends CollectionConfig | GlobalConfig>(entity: T): T => withStaticLabels(entity, i18n)
    const ui = isActive ? <T>(entity: T): T => entity : withoutAdminUI
    const ours = <T extends CollectionConfig | GlobalConfig>(entity: T): T => ui(labelled(entity))
    const films = ours(withInputChecks(Films(options)))
    const reviews = ours(withInputChecks(Reviews(options)))
    const webhookEndpoints = ours(withInputChecks(WebhookEndpoints(options)))
    const webhookDeliveries = ours(withInputChecks(WebhookDeliveries()))
    const collections: CollectionConfig[] = [
      withInputChecks(labelled(withRoles(options, existingUsers))),
      ...others,
      ours(withInputChecks(Composers(options))),
      isActive ? withEndpoints(films, [importTrackList(options), recomputeRuntimeEndpoint]) : films,
      ours(withInputChecks(Tracks(options))),
      isActive
        ? withEndpoints(
            reviews,
            [reviewPageEndpoint(options), reviewJsonLdEndpoint(options)].map((endpoint) => cachedEndpoint(endpoint)),
          )
        : reviews,
      isActive
        ? withEndpoints(webhookEndpoints, [webhookAlertsEndpoint, sendTestEndpoint, rotateSecretEndpoint])
        : webhookEndpoints,
      isActive ? withEndpoints(webhookDeliveries, [resendDeliveryEndpoint]) : webhookDeliveries,
    ]
    const endpoints: Endpoint[] = isActive
      ? [
          cachedEndpoint(scheduleEndpoint),
          cachedEndpoint(scheduleCalendarEndpoint(options)),
          ...reviewFeedEndpoints(options).map((endpoint) => cachedEndpoint(endpoint)),
          searchEndpoint,
          reindexSearchEndpoint,
          ...(options.revalidate ? [revalidateEndpoint] : []),
        ]
      : []

    return {
      ...config,
      db: withSearchTablesHiddenFromPush(config.db),
      collections,
      globals: [...(config.globals ?? []), ours(PublicationSchedule(options))],
      endpoints: [...(config.endpoints ?? []), ...endpoints],
      jobs: isActive ? withJobs(config, options) : config.jobs,
      admin: {
        ...config.admin,
        user: config.admin?.user ?? options.usersCollection,
        components: isActive
          ? {
              ...config.admin?.components,
              beforeDashboard: [...(config.admin?.components?.beforeDashboard ?? []), componentPath('WebhookAlerts')],
              beforeNavLinks: [
                ...(config.admin?.components?.beforeNavLinks ?? []),
                {
                  path: componentPath('AdminSearch'),
                  clientProps: {
                    collections: {
                      review: options.slugs.reviews,
                      film: options.slugs.films,
                      composer: options.slugs.composers,
                      track: options.slugs.tracks,
                    },
                  },
                },
              ],
            }
          : config.admin?.components,
      },
      i18n,
      hooks: isActive
        ? {
            ...config.hooks,
            afterError: [...(config.hooks?.afterError ?? []), answerDatabaseUnavailable, answerMalformedWhere],
          }
        : config.hooks,
      custom: withPluginSettings(config.custom, options),
      onInit: async (payload) => {
        if (isActive) {
          restrictSystemCollections(payload)
          answerMissingVersions(payload)
          survivePostgresRestarts(payload)
          installAfterCommit(payload)
          startWebhooks(payload, {
            isSweeping: options.schedule.runInProcess && isJobRunner(payload),
            isWatching: !options.schedule.runInProcess && isJobRunner(payload),
          })
          await analyzeSQLite({ payload, slugs: [options.slugs.reviews, options.slugs.tracks] })
          // Over a pushed dev schema nothing else creates it; after the migration this finds it there.
          await createSearchIndex(payload).catch((error: unknown) =>
            payload.logger.warn(
              { err: error },
              'soundtrackReviews: the search index could not be created (run the migrations)',
            ),
          )
        }
        await config.onInit?.(payload)
      },
    }
  }
