import type { Model } from 'mongoose'
import type { Payload } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { Types } from 'mongoose'
import { buildConfig } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { databaseAdapter, mongoTransactionWarning } from '../cms/database'
import { soundtrackReviews } from '../src/index'
import { relationID } from '../src/relationID'
import { without } from '../src/schedule/queue'
import { queueIDs } from '../src/schedule/queue'

type MongoAdapterInstance = {
  init: () => Promise<void>
  collections: Record<string, Model<unknown>>
  versions: Record<string, Model<unknown>>
  globals: Model<unknown> & { discriminators?: Record<string, Model<unknown>> }
  defaultIDType: string
  connection: { readyState: number }
}

type DeclaredIndex = [Record<string, 1 | -1 | string>, { unique?: boolean } & Record<string, unknown>]

/** What the adapter declares for a model: field indexes and compound ones, with their options. */
const indexesOf = (model: Model<unknown>): DeclaredIndex[] => model.schema.indexes() as DeclaredIndex[]

const hasIndex = (model: Model<unknown>, keys: Record<string, 1>, unique = false): boolean =>
  indexesOf(model).some(
    ([fields, options]) => JSON.stringify(fields) === JSON.stringify(keys) && Boolean(options.unique) === unique,
  )

/*
 * No MongoDB server can be had on this machine: the adapter is built and its models compiled
 * exactly as `getPayload` would (mongoose compiles models on an unopened connection), without
 * connecting. With MONGODB_URI set, the rest of the suite runs on a real server.
 */
describe('MongoDB, offline', () => {
  let adapter: MongoAdapterInstance
  let warn: ReturnType<typeof vi.fn>

  beforeAll(async () => {
    const config = await buildConfig({
      secret: 'test-secret-not-for-production',
      db: databaseAdapter('mongodb://127.0.0.1:1/soundtracks'),
      editor: lexicalEditor(),
      collections: [{ slug: 'users', auth: true, fields: [] }],
      plugins: [soundtrackReviews()],
    })
    warn = vi.fn()
    // The parts of a Payload instance the adapter reads while compiling models.
    const collections = Object.fromEntries(
      config.collections.map((collection) => [collection.slug, { config: collection }]),
    )
    const payload = { config, collections, logger: { warn, info: vi.fn(), error: vi.fn() } } as unknown as Payload
    adapter = config.db.init({ payload }) as unknown as MongoAdapterInstance
    await adapter.init()
  })

  it('should compile a model for every collection, the review versions and the schedule, without connecting', () => {
    for (const slug of ['users', 'films', 'composers', 'tracks', 'reviews', 'payload-jobs', 'payload-kv']) {
      expect(adapter.collections[slug], slug).toBeDefined()
    }
    expect(adapter.versions.reviews).toBeDefined()
    expect(Object.keys(adapter.globals.discriminators ?? {})).toContain('publication-schedule')
    expect(adapter.connection.readyState).toBe(0)
  })

  it('should declare the indexes the plugin relies on', () => {
    const { films, composers, tracks, reviews } = adapter.collections
    expect(hasIndex(films, { slug: 1 }, true)).toBe(true)
    expect(hasIndex(composers, { slug: 1 }, true)).toBe(true)
    expect(hasIndex(reviews, { slug: 1 }, true)).toBe(true)
    expect(hasIndex(tracks, { film: 1, disc: 1, number: 1 }, true)).toBe(true)
    expect(hasIndex(tracks, { film: 1 })).toBe(true)
    expect(hasIndex(reviews, { publishAt: 1 })).toBe(true)
    expect(hasIndex(reviews, { publishedAt: 1 })).toBe(true)
    expect(hasIndex(reviews, { _status: 1 })).toBe(true)
    // The job's due query reads the latest drafts: the versions carry the same indexes.
    expect(hasIndex(adapter.versions.reviews, { 'version.publishAt': 1 })).toBe(true)
    expect(hasIndex(adapter.versions.reviews, { 'version._status': 1 })).toBe(true)
  })

  it('should use string ids, which the queue and relationship helpers keep as strings', () => {
    expect(adapter.defaultIDType).toBe('text')
    const [a, b] = [new Types.ObjectId().toHexString(), new Types.ObjectId().toHexString()]
    expect(relationID({ id: a })).toBe(a)
    expect(queueIDs([a, { id: b }])).toEqual([a, b])
    expect(without([a])([a, b])).toEqual([b])
    // The job's claim filters reviews by a string id: mongoose casts it to the stored ObjectId.
    const filter = adapter.collections.reviews.castObject({ _id: a }) as { _id: unknown }
    expect(filter._id).toBeInstanceOf(Types.ObjectId)
    expect(String(filter._id)).toBe(a)
  })

  it('should say at start that a URI naming no replica set means no transactions', () => {
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^MongoDB without transactions: .*replicaSet/))
    expect(mongoTransactionWarning('mongodb://127.0.0.1:27017/soundtracks')).toMatch(/names no replica set/)
    expect(mongoTransactionWarning('mongodb://127.0.0.1:27017/soundtracks?replicaSet=rs0')).toBeNull()
    expect(mongoTransactionWarning('mongodb://a:27017,b:27017/db?authSource=admin&replicaSet=rs0')).toBeNull()
    expect(mongoTransactionWarning('mongodb+srv://cluster0.example.net/soundtracks')).toBeNull()
  })
})
