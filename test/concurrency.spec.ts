import type { Config, GlobalConfig, Payload, PayloadRequest, Plugin } from 'payload'

import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { APIError, buildConfig, createLocalReq, getPayload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { databaseAdapter } from '../cms/database'
import { soundtrackReviews } from '../src/index'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { createUser, setClock, testDatabaseURI, uniqueTitle } from './helpers'
import {
  draftReview,
  FRIDAYS_IN_NEW_YORK,
  latestReview,
  NOW,
  publishedVersionCount,
  resetSchedule,
  S1,
  S2,
  S3,
  SCHEDULE,
} from './scheduleFixtures'

const isPostgres = !process.env.MONGODB_URI && process.env.TEST_DB === 'postgres'
/** How long the first writer dawdles after reading, holding whatever it holds. */
const DELAY_MS = 300
/** Each race runs this many times: an interleaving that loses data rarely loses it every time. */
const ROUNDS = 3

let onSlowDown: (() => void) | undefined

/** A beforeChange hook that delays writes whose request asks for it (`context.slowDown`). */
const slowDown = async ({ data, req }: { data: Record<string, unknown>; req: PayloadRequest }) => {
  if (req.context.slowDown) {
    onSlowDown?.()
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS))
  }
  return data
}

/** Added after the plugin: the delay runs after Payload read the document, where a race would bite. */
const withSlowWriters: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) =>
    collection.slug === 'reviews'
      ? {
          ...collection,
          hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), slowDown] },
        }
      : collection,
  ),
  globals: (config.globals ?? []).map((global): GlobalConfig =>
    global.slug === SCHEDULE
      ? { ...global, hooks: { ...global.hooks, beforeChange: [...(global.hooks?.beforeChange ?? []), slowDown] } }
      : global,
  ),
})

/** Starts `first` (which slows down after its read), and `second` once `first` is inside its delay. */
const race = async <A, B>(first: () => Promise<A>, second: () => Promise<B>) => {
  const entered = new Promise<void>((resolve) => (onSlowDown = resolve))
  const firstRun = first()
  await Promise.race([
    entered,
    firstRun.then(
      () => undefined,
      () => undefined,
    ),
  ])
  onSlowDown = undefined
  const secondRun = second()
  return Promise.allSettled([firstRun, secondRun] as const)
}

let payload: Payload
let admin: TestUser
let otherAdmin: TestUser
let editor: TestUser
let film: ID

const createDraft = (label: string): Promise<ID> => draftReview(payload, { film, label })

const readSchedule = async () =>
  (await payload.findGlobal({ slug: SCHEDULE, depth: 0, overrideAccess: true })) as {
    queue?: ID[] | null
    updatedAt: string
    lastError?: null | string
  }

const queueOf = async (): Promise<string[]> => ((await readSchedule()).queue ?? []).map(String)

const saveSchedule = (user: TestUser, data: Record<string, unknown>, context: Record<string, unknown> = {}) =>
  payload.updateGlobal({ slug: SCHEDULE, data, depth: 0, user, overrideAccess: false, context })

const readLatest = (id: ID) => latestReview(payload, id)

const slotOf = async (id: ID): Promise<null | string> => {
  const { publishAt } = await readLatest(id)
  return publishAt ? new Date(publishAt).toISOString() : null
}

const publishedVersions = (id: ID): Promise<number> => publishedVersionCount(payload, id)

const statusOf = (result: PromiseSettledResult<unknown>): number | 'ok' =>
  result.status === 'fulfilled' ? 'ok' : result.reason instanceof APIError ? result.reason.status : 500

beforeAll(async () => {
  const config = await buildConfig({
    secret: 'test-secret-not-for-production',
    db: databaseAdapter(testDatabaseURI('concurrency')),
    editor: lexicalEditor(),
    collections: [{ slug: 'users', auth: true, fields: [] }],
    plugins: [soundtrackReviews(), withSlowWriters],
  })
  payload = await getPayload({ config })
  admin = await createUser(payload, 'admin')
  otherAdmin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  film = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Raced film') }, depth: 0 })).id
})

afterEach(() => resetSchedule(payload))

afterAll(async () => {
  vi.useRealTimers()
  await payload?.destroy()
})

describe('the schedule against stale writers (every adapter)', () => {
  it('should refuse a save made from a form loaded before the last save with 409 on updatedAt, writing nothing', async () => {
    setClock(NOW)
    const [a, b, c, d] = [
      await createDraft('A'),
      await createDraft('B'),
      await createDraft('C'),
      await createDraft('D'),
    ]
    await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    const loaded = await readSchedule()
    await saveSchedule(otherAdmin, { queue: [a, b, c], updatedAt: loaded.updatedAt })

    let refusal: unknown
    try {
      await saveSchedule(admin, { queue: [a, b, d], updatedAt: loaded.updatedAt })
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(APIError)
    expect((refusal as APIError).status).toBe(409)
    expect((refusal as APIError).message).toMatch(/^updatedAt: the publication schedule was saved at .* reload/)
    expect(await queueOf()).toEqual([a, b, c].map(String))
    expect(await slotOf(c)).toBe(S3)
    expect(await slotOf(d)).toBeNull()
  })

  it('should take a deleted review off the queue and move each later review up into the freed slot', async () => {
    setClock(NOW)
    const [a, b, c] = [await createDraft('A'), await createDraft('B'), await createDraft('C')]
    await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    expect([await slotOf(a), await slotOf(b), await slotOf(c)]).toEqual([S1, S2, S3])

    await payload.delete({ collection: 'reviews', id: b, depth: 0, user: admin, overrideAccess: false })

    expect(await queueOf()).toEqual([a, c].map(String))
    expect([await slotOf(a), await slotOf(c)]).toEqual([S1, S2])
    // The next save sees no dangling id: it succeeds with the queue as it is.
    await saveSchedule(admin, { queue: [c, a] })
    expect([await slotOf(c), await slotOf(a)]).toEqual([S1, S2])
  })

  it("should keep an admin's queue saved while a slow publish runs, instead of writing back the queue the job read", async () => {
    setClock(NOW)
    const [a, b, c] = [await createDraft('A'), await createDraft('B'), await createDraft('C')]
    await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    setClock('2026-10-23T13:05:00.000Z')

    const [job, save] = await race(
      async () => publishDueReviews({ req: await createLocalReq({ context: { slowDown: true } }, payload) }),
      () => saveSchedule(admin, { queue: [b, c] }),
    )
    expect(statusOf(job)).toBe('ok')
    expect(statusOf(save)).toBe('ok')
    expect(await publishedVersions(a)).toBe(1)
    expect(await queueOf()).toEqual([b, c].map(String))
    expect((await readSchedule()).lastError ?? null).toBeNull()
    expect([await slotOf(b), await slotOf(c)]).toEqual([S2, S3])
  })
})

// SQLite's transactions take turns in one process, so these interleavings cannot happen there.
describe.runIf(isPostgres)('concurrent writers on PostgreSQL', () => {
  it('should let the first of two admins saving one form win and refuse the other with 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      setClock(NOW)
      const [a, b, c, d] = [
        await createDraft('A'),
        await createDraft('B'),
        await createDraft('C'),
        await createDraft('D'),
      ]
      await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
      const { updatedAt } = await readSchedule()
      const [first, second] = await race(
        () => saveSchedule(admin, { queue: [a, b, c], updatedAt }, { slowDown: true }),
        () => saveSchedule(otherAdmin, { queue: [a, b, d], updatedAt }),
      )
      expect([statusOf(first), statusOf(second)]).toEqual(['ok', 409])
      expect(await queueOf()).toEqual([a, b, c].map(String))
      expect([await slotOf(c), await slotOf(d)]).toEqual([S3, null])
      await payload.updateGlobal({ slug: SCHEDULE, data: { queue: [] }, depth: 0, overrideAccess: true })
    }
  })

  it("should keep both an editor's draft text and the schedule's slot, whichever writes first", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      setClock(NOW)
      const a = await createDraft('Edited while scheduled')
      const text = `Editor's text ${round}`
      const editorSaves = (context = {}) =>
        payload.update({
          collection: 'reviews',
          id: a,
          data: { excerpt: text },
          draft: true,
          depth: 0,
          user: editor,
          overrideAccess: false,
          context,
        })
      const scheduleSaves = (context = {}) => saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a] }, context)

      const results =
        round % 2 === 0
          ? await race(
              () => editorSaves({ slowDown: true }),
              () => scheduleSaves(),
            )
          : await race(
              () => scheduleSaves({ slowDown: true }),
              () => editorSaves(),
            )
      expect(results.map(statusOf)).toEqual(['ok', 'ok'])
      const latest = await readLatest(a)
      expect(latest.excerpt).toBe(text)
      expect(latest.publishAt ? new Date(latest.publishAt).toISOString() : null).toBe(S1)
      await payload.updateGlobal({ slug: SCHEDULE, data: { queue: [] }, depth: 0, overrideAccess: true })
    }
  })

  it("should keep an admin's final edits on the live review when the admin and the job publish it at once", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      setClock(NOW)
      const a = await createDraft('Published twice at once')
      await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a] })
      setClock('2026-10-23T13:05:00.000Z')
      const title = uniqueTitle(`Final title ${round}`)
      const adminPublishes = (context = {}) =>
        payload.update({
          collection: 'reviews',
          id: a,
          data: { title, _status: 'published' },
          depth: 0,
          user: admin,
          overrideAccess: false,
          context,
        })
      const jobPublishes = async (context = {}) =>
        publishDueReviews({ req: await createLocalReq({ context }, payload) })

      const results =
        round % 2 === 0
          ? await race(
              () => jobPublishes({ slowDown: true }),
              () => adminPublishes(),
            )
          : await race(
              () => adminPublishes({ slowDown: true }),
              () => jobPublishes(),
            )
      expect(results.map(statusOf)).toEqual(['ok', 'ok'])
      const live = await payload.findByID({ collection: 'reviews', id: a, depth: 0, overrideAccess: true })
      expect(live._status).toBe('published')
      expect(live.title).toBe(title)
      expect(await queueOf()).toEqual([])
      expect((await readSchedule()).lastError ?? null).toBeNull()
    }
  })

  it('should leave no published review on the queue when two admins publish queued reviews at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      setClock(NOW)
      const [a, b, c] = [await createDraft('A'), await createDraft('B'), await createDraft('C')]
      await saveSchedule(admin, { ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
      const publish = (id: ID, user: TestUser, context = {}) =>
        payload.update({
          collection: 'reviews',
          id,
          data: { _status: 'published' },
          depth: 0,
          user,
          overrideAccess: false,
          context,
        })
      const results = await race(
        () => publish(a, admin, { slowDown: true }),
        () => publish(b, otherAdmin),
      )
      expect(results.map(statusOf)).toEqual(['ok', 'ok'])
      expect(await queueOf()).toEqual([String(c)])
      expect(await slotOf(c)).toBe(S1)
      // The queue still validates: a later save goes through.
      await saveSchedule(admin, { queue: [c] })
    }
  })
})
