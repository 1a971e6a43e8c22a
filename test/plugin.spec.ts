import type { CollectionAfterChangeHook, Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import { describe, expect, it } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { soundtrackReviews } from '../src/index'
import { testDatabaseURI } from './helpers'

const baseConfig = (plugins: Config['plugins'], extra: Partial<Config> = {}) =>
  buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('plugin')),
    editor: lexicalEditor(),
    collections: [{ slug: 'users', auth: true, fields: [{ name: 'displayName', type: 'text' }] }],
    plugins,
    ...extra,
  })

const customEndpoints = (config: Awaited<ReturnType<typeof buildConfig>>) => [
  ...config.endpoints.map((endpoint) => endpoint.path).filter((path) => path !== '/access'),
  ...config.collections.flatMap((collection) =>
    (collection.endpoints || []).filter((endpoint) => /tracklist|json-ld/.test(endpoint.path)).map((e) => e.path),
  ),
]

describe('soundtrackReviews(options)', () => {
  it('should add the four collections, the schedule global, roles on users (keeping their fields), endpoints and the job', async () => {
    const config = await baseConfig([soundtrackReviews()])
    expect(config.collections.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['users', 'films', 'composers', 'tracks', 'reviews']),
    )
    expect(config.globals.map((g) => g.slug)).toContain('publication-schedule')
    const users = config.collections.find((c) => c.slug === 'users')!
    expect(users.fields.map((f) => ('name' in f ? f.name : null))).toEqual(
      expect.arrayContaining(['displayName', 'roles']),
    )
    expect(customEndpoints(config)).toEqual(
      expect.arrayContaining([
        '/schedule',
        '/schedule.ics',
        '/feeds/reviews.rss',
        '/feeds/reviews.atom',
        '/feeds/reviews.json',
        '/:id/tracklist',
        '/:id/json-ld',
      ]),
    )
    expect(config.jobs.tasks?.map((task) => task.slug)).toContain('publishDueReviews')
  })

  it('should keep the schema but add no endpoints or jobs when disabled', async () => {
    const config = await baseConfig([soundtrackReviews({ disabled: true })])
    expect(config.collections.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['films', 'composers', 'tracks', 'reviews']),
    )
    expect(config.globals.map((g) => g.slug)).toContain('publication-schedule')
    expect(customEndpoints(config)).toEqual([])
    expect(config.jobs.tasks ?? []).not.toContainEqual(expect.objectContaining({ slug: 'publishDueReviews' }))
  })

  it('should keep the same stored fields when disabled, with no admin components and no onInit work', async () => {
    type Named = { name?: string; type: string; fields?: Named[]; tabs?: { fields: Named[] }[] }
    const stored = (fields: Named[]): string[] =>
      fields.flatMap((field) =>
        field.type === 'ui'
          ? []
          : [
              ...(field.name ? [`${field.name}:${field.type}`] : []),
              ...stored(field.fields ?? []),
              ...(field.tabs ?? []).flatMap((tab) => stored(tab.fields)),
            ],
      )
    const ownSlugs = ['users', 'films', 'composers', 'tracks', 'reviews', 'publication-schedule']
    // The jobs' own collections go with the jobs; the plugin's collections keep every stored field.
    const schemaOf = (config: Awaited<ReturnType<typeof buildConfig>>) =>
      [...config.collections, ...config.globals]
        .filter((entity) => ownSlugs.includes(entity.slug))
        .map((entity) => [entity.slug, stored(entity.fields as Named[])])
    const enabled = await baseConfig([soundtrackReviews()])
    const disabled = await baseConfig([soundtrackReviews({ disabled: true })])
    expect(schemaOf(disabled)).toEqual(schemaOf(enabled))
    const ours = (config: object) => JSON.stringify(config).match(/payload-soundtrack-reviews\/client#\w+/g) ?? []
    expect(ours(enabled.collections).length).toBeGreaterThan(0)
    expect(ours([disabled.collections, disabled.globals])).toEqual([])
    // The nav's search box and the dashboard's alerts go too.
    expect(ours(enabled.admin)).toEqual(expect.arrayContaining(['payload-soundtrack-reviews/client#AdminSearch']))
    expect(ours(disabled.admin)).toEqual([])

    const payload = await getPayload({ config: disabled, key: 'disabled-plugin' })
    try {
      // No ANALYZE of SQLite, no listeners on PostgreSQL's pool.
      const { pool } = payload.db as { pool?: { listenerCount: (event: string) => number } }
      if (pool) {
        expect(pool.listenerCount('error')).toBe(0)
      }
      if (payload.db.name === 'sqlite') {
        const { rows } = await (
          payload.db as unknown as { client: { execute: (sql: string) => Promise<{ rows: unknown[] }> } }
        ).client.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        expect(rows).toEqual([])
      }
    } finally {
      await payload.destroy()
    }
  })

  it('should apply a rating scale and per-collection field overrides', async () => {
    const config = await baseConfig([
      soundtrackReviews({
        ratingScale: 5,
        overrides: { films: { fields: ({ defaultFields }) => [...defaultFields, { name: 'imdbId', type: 'text' }] } },
      }),
    ])
    const films = config.collections.find((c) => c.slug === 'films')!
    expect(films.fields.some((f) => 'name' in f && f.name === 'imdbId')).toBe(true)
    const rating = config.collections
      .find((c) => c.slug === 'reviews')!
      .fields.find((f) => 'name' in f && f.name === 'rating')
    expect(rating).toMatchObject({ max: 5 })
  })

  it('should not run the queue in-process when schedule.runInProcess is false', async () => {
    const config = await baseConfig([soundtrackReviews({ schedule: { runInProcess: false } })])
    const { autoRun } = config.jobs
    expect(typeof autoRun === 'function' ? await autoRun({} as never) : autoRun).toEqual([])
  })

  it('should add Preview and Live Preview links to reviews when previewUrl is given', async () => {
    const config = await baseConfig([
      soundtrackReviews({ previewUrl: 'https://example.com/reviews/{slug}?preview=true' }),
    ])
    const { admin } = config.collections.find((c) => c.slug === 'reviews')!
    const doc = { id: 7, slug: 'exploring-soundtracks-fallout' }
    expect(await admin.preview?.(doc, {} as never)).toBe(
      'https://example.com/reviews/exploring-soundtracks-fallout?preview=true',
    )
    expect(await admin.preview?.({ id: 8 }, {} as never)).toBeNull()
    const url = admin.livePreview?.url
    expect(typeof url === 'function' ? await url({ data: doc } as never) : url).toBe(
      'https://example.com/reviews/exploring-soundtracks-fallout?preview=true',
    )
    expect(admin.livePreview?.breakpoints).toEqual([
      { name: 'mobile', label: 'Mobile', width: 375, height: 667 },
      { name: 'tablet', label: 'Tablet', width: 768, height: 1024 },
      { name: 'desktop', label: 'Desktop', width: 1440, height: 900 },
    ])
    const plain = await baseConfig([soundtrackReviews()])
    expect(plain.collections.find((c) => c.slug === 'reviews')!.admin.preview).toBeUndefined()
  })

  it('should offer a site’s own Live Preview sizes, and refuse one that is not a size in pixels', async () => {
    const watch = { name: 'watch', label: 'Watch', width: 198, height: 242 }
    const config = await baseConfig([soundtrackReviews({ previewUrl: '/reviews/{slug}', previewBreakpoints: [watch] })])
    expect(config.collections.find((c) => c.slug === 'reviews')!.admin.livePreview?.breakpoints).toEqual([watch])
    for (const previewBreakpoints of [[{ ...watch, width: '198px' }], [{ ...watch, label: '' }], [null]]) {
      expect(() => soundtrackReviews({ previewBreakpoints } as never)({} as Config)).toThrow(
        /previewBreakpoints must be a list of \{ name, label, width, height \}/,
      )
    }
  })

  it('should refuse a nonsensical rating scale with a clear message', () => {
    expect(() => soundtrackReviews({ ratingScale: 0 })({} as Config)).toThrow(/ratingScale must be a positive number/)
  })

  it("should run a site owner's hooks after the plugin's own, keeping the runtime right", async () => {
    const seen: unknown[] = []
    const ownersHook: CollectionAfterChangeHook = ({ doc }) => {
      seen.push(doc.title)
      return doc
    }
    const config = await baseConfig([
      soundtrackReviews({ overrides: { tracks: { hooks: { afterChange: [ownersHook] } } } }),
    ])
    const tracks = config.collections.find((c) => c.slug === 'tracks')!
    // The plugin's own (runtime, cache) first, the owner's once, last.
    expect(tracks.hooks.afterChange.filter((hook) => hook === ownersHook)).toHaveLength(1)
    expect(tracks.hooks.afterChange.length).toBeGreaterThan(1)
    expect(tracks.hooks.afterChange.at(-1)).toBe(ownersHook)
    const payload = await getPayload({ config, key: 'plugin-hooks' })
    try {
      const film = await payload.create({ collection: 'films', data: { title: 'Hooks' } })
      await payload.create({ collection: 'tracks', data: { film: film.id, number: 1, title: 'One', duration: '2:00' } })
      expect(seen).toEqual(['One'])
      const after = await payload.findByID({ collection: 'films', id: film.id, depth: 0 })
      expect(after).toMatchObject({ trackCount: 1, totalRuntime: '2:00' })
    } finally {
      await payload.destroy()
    }
  })
})
