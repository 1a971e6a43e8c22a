import type { CollectionConfig, Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'

import { databaseAdapter } from '../cms/database'
import { defaultSlugs, soundtrackReviews } from '../src/index'

const base = (uri: string): Config => ({
  secret: 'bench-secret-not-for-production',
  db: databaseAdapter(uri),
  editor: lexicalEditor(),
  collections: [{ slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }] }],
  telemetry: false,
})

/**
 * The plugin as `npm start` runs it, except: no in-process queue (the bench drives the job itself),
 * and one paste may hold the 1,000 lines the import measure needs (the default allows 500).
 */
export const oursConfig = (uri: string) =>
  buildConfig({
    ...base(uri),
    plugins: [soundtrackReviews({ schedule: { runInProcess: false }, trackListMaxLines: 1000 })],
  })

const content = new Set<string>([
  defaultSlugs.films,
  defaultSlugs.tracks,
  defaultSlugs.composers,
  defaultSlugs.reviews,
  'users',
])

/**
 * Plain Payload over the same schema: the plugin's collections and fields (so the same tables and
 * the same REST documents), without any of its hooks, endpoints or cache.
 */
export const plainConfig = (uri: string) => {
  const withPlugin = soundtrackReviews({ schedule: { runInProcess: false } })(base(uri)) as Config
  const strip = (collection: CollectionConfig): CollectionConfig =>
    content.has(collection.slug) ? { ...collection, hooks: {}, endpoints: [], forceSelect: undefined } : collection
  return buildConfig({
    ...withPlugin,
    collections: (withPlugin.collections ?? []).map(strip),
    globals: (withPlugin.globals ?? []).map((global) => ({ ...global, hooks: {} })),
    endpoints: [],
    onInit: undefined,
  })
}
