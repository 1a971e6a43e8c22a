import type { Payload } from 'payload'

import type { PublishRun } from '../src/jobs/publishDueReviews'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { createLocalReq } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { createUser, expectAPIError, expectValidationError, setClock, startPayload, uniqueTitle } from './helpers'
import {
  draftReview,
  draftReviews,
  FRIDAYS_IN_NEW_YORK,
  latestReview,
  NOW,
  publishedVersionCount,
  resetSchedule,
  S1,
  S2,
  S3,
  S4,
  SCHEDULE,
} from './scheduleFixtures'

type ScheduleState = {
  enabled?: boolean | null
  weekday?: null | string
  time?: null | string
  timezone?: null | string
  queue?: ID[] | null
  skipDates?: { date: string; reason?: null | string }[] | null
  lastRunAt?: null | string
  lastError?: null | string
  updatedAt?: string
}

const QUEUE = 'soundtrack-reviews'

let payload: Payload
let admin: TestUser
let editor: TestUser
let film: ID

const iso = (value: unknown): null | string =>
  value === null || value === undefined || value === '' ? null : new Date(value as string).toISOString()

const asStrings = (ids: readonly unknown[] | null | undefined): string[] =>
  (ids ?? []).map((id) => String(id && typeof id === 'object' && 'id' in id ? (id as { id: unknown }).id : id))

const createDraft = (label: string, data: Record<string, unknown> = {}): Promise<ID> =>
  draftReview(payload, { film, label, data })

const createDrafts = (count: number): Promise<ID[]> => draftReviews(payload, { film, count, label: 'Queued review' })

/** Saves the global as an admin through the Local API, access enforced. */
const saveSchedule = (data: Record<string, unknown>) =>
  payload.updateGlobal({ slug: SCHEDULE, data, depth: 0, user: admin, overrideAccess: false })

const readSchedule = async (): Promise<ScheduleState> =>
  (await payload.findGlobal({ slug: SCHEDULE, depth: 0, overrideAccess: true })) as ScheduleState

const readLatest = (id: ID) => latestReview(payload, id)

const slotsOf = async (ids: ID[]): Promise<(null | string)[]> => {
  const slots: (null | string)[] = []
  for (const id of ids) {
    slots.push(iso((await readLatest(id)).publishAt))
  }
  return slots
}

const publishedVersions = (id: ID): Promise<number> => publishedVersionCount(payload, id)

const allVersions = async (id: ID): Promise<number> =>
  (
    await payload.findVersions({
      collection: 'reviews',
      where: { parent: { equals: id } },
      depth: 0,
      overrideAccess: true,
    })
  ).totalDocs

/** Queues the publishing task on our queue and runs that queue, as the server's cron would. */
const runPublishJob = async (): Promise<void> => {
  const job = await payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: QUEUE })
  const { jobStatus } = await payload.jobs.run({ queue: QUEUE })
  expect(jobStatus?.[String(job.id)]).toEqual({ status: 'success' })
}

/** The clock keeps running after `setClock`, so "now" is a window, not an instant. */
const expectInstantWithin = (value: unknown, from: Date, to: Date): void => {
  expect(value, 'an instant').toBeTruthy()
  const time = new Date(value as string).getTime()
  expect(time).toBeGreaterThanOrEqual(from.getTime())
  expect(time).toBeLessThanOrEqual(to.getTime())
}

const publishNow = async (): Promise<PublishRun> => publishDueReviews({ req: await createLocalReq({}, payload) })

const expectStillDraft = async (id: ID): Promise<void> => {
  expect((await readLatest(id))._status).toBe('draft')
  expect(await publishedVersions(id)).toBe(0)
}

beforeAll(async () => {
  payload = await startPayload('schedule_int')
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  film = (
    await payload.create({
      collection: 'films',
      data: { title: uniqueTitle('Scheduled film'), releaseYear: 1975 },
      depth: 0,
    })
  ).id
})

afterEach(() => resetSchedule(payload))

afterAll(async () => {
  vi.useRealTimers()
  await payload?.destroy()
})

describe('saving the publication schedule', () => {
  it('should give the n-th queued review the n-th Friday 09:00 in New York, across the end of daylight saving time', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    expect(await slotsOf(queue)).toEqual([S1, S2, S3])
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings(queue))
    for (const id of queue) {
      expect((await readLatest(id))._status).toBe('draft')
    }
  })

  it('should skip a Friday listed in skipDates', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue, skipDates: [{ date: '2026-10-30', reason: 'Holiday' }] })
    expect(await slotsOf(queue)).toEqual([S1, S3, S4])
  })

  it('should swap the slots of two reviews when the queue is reordered', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    await saveSchedule({ queue: [b, a, c] })
    expect(await slotsOf([a, b, c])).toEqual([S2, S1, S3])
  })

  it('should clear the slot of a review taken off the queue and move the rest up', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    await saveSchedule({ queue: [a, c] })
    expect(await slotsOf([a, b, c])).toEqual([S1, null, S2])
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([a, c]))
  })

  it('should rewrite every slot when the weekday, time and time zone change', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    await saveSchedule({ weekday: 'saturday', time: '10:30', timezone: 'Europe/London' })
    // London leaves BST on Sunday 25 October 2026.
    expect(await slotsOf(queue)).toEqual([
      '2026-10-24T09:30:00.000Z',
      '2026-10-31T10:30:00.000Z',
      '2026-11-07T10:30:00.000Z',
    ])
    await saveSchedule({ weekday: 'friday', time: '09:00', timezone: 'America/New_York' })
    expect(await slotsOf(queue)).toEqual([S1, S2, S3])
  })

  it('should refuse a review queued twice and write nothing', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    const before = await readSchedule()
    await expectValidationError(() => saveSchedule({ queue: [b, a, b] }), 'queue')
    expect(await readSchedule()).toEqual(before)
    expect(await slotsOf([a, b])).toEqual([S1, S2])
  })

  it('should refuse to queue a published review and write nothing', async () => {
    setClock(NOW)
    const [a] = await createDrafts(1)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })
    const published = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Already out'), film, _status: 'published' },
      depth: 0,
      user: admin,
      overrideAccess: false,
    })
    const before = await readSchedule()
    await expectValidationError(() => saveSchedule({ queue: [published.id, a] }), 'queue')
    expect(await readSchedule()).toEqual(before)
    expect(await slotsOf([a])).toEqual([S1])
    expect(iso((await readLatest(published.id)).publishAt)).toBeNull()
  })

  it.each([
    ['time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['time', { time: '25:61' }, 'time'],
    ['weekday', { weekday: 'funday' }, 'weekday'],
    ['skip date', { skipDates: [{ date: '2026-02-30', reason: 'No such day' }] }, 'skipDates.0.date'],
  ])('should refuse an invalid %s, name the field and write nothing', async (_label, change, path) => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    const before = await readSchedule()
    const error = await expectValidationError(() => saveSchedule({ ...change, queue: [b, a] }), path)
    expect(error.message.length).toBeGreaterThan(0)
    expect(await readSchedule()).toEqual(before)
    expect(await slotsOf([a, b])).toEqual([S1, S2])
  })
})

describe('access to the publication schedule', () => {
  it('should refuse reading and updating the schedule to anonymous users and editors', async () => {
    const before = await readSchedule()
    for (const user of [undefined, editor]) {
      await expectAPIError(() => payload.findGlobal({ slug: SCHEDULE, depth: 0, overrideAccess: false, user }), 403)
      await expectAPIError(
        () => payload.updateGlobal({ slug: SCHEDULE, data: { time: '10:00' }, depth: 0, overrideAccess: false, user }),
        403,
      )
    }
    expect(await readSchedule()).toEqual(before)
  })

  it('should let an admin read and update the schedule', async () => {
    const updated = await payload.updateGlobal({
      slug: SCHEDULE,
      data: { time: '10:15' },
      depth: 0,
      overrideAccess: false,
      user: admin,
    })
    expect(updated.time).toBe('10:15')
    const read = await payload.findGlobal({ slug: SCHEDULE, depth: 0, overrideAccess: false, user: admin })
    expect(read.time).toBe('10:15')
  })
})

describe('the publishDueReviews job', () => {
  it('should publish nothing before the first slot, then the first review at exactly its slot', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })

    await runPublishJob()
    for (const id of [a, b, c]) {
      await expectStillDraft(id)
    }
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([a, b, c]))

    const later = setClock('2026-10-23T13:05:00.000Z')
    await runPublishJob()
    const published = await payload.findByID({ collection: 'reviews', id: a, depth: 0, overrideAccess: true })
    expect(published._status).toBe('published')
    expect(iso(published.publishedAt)).toBe(S1)
    expect((await readLatest(a))._status).toBe('published')
    expect(await publishedVersions(a)).toBe(1)

    const schedule = await readSchedule()
    expect(asStrings(schedule.queue)).toEqual(asStrings([b, c]))
    expectInstantWithin(schedule.lastRunAt, later, new Date())
    expect(schedule.lastError ?? null).toBeNull()
    expect(await slotsOf([b, c])).toEqual([S2, S3])
    await expectStillDraft(b)
    await expectStillDraft(c)
  })

  it('should publish a due review when publishDueReviews is called directly', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    setClock('2026-10-24T00:00:00.000Z')
    const run = await publishNow()
    expect(asStrings(run.published)).toEqual(asStrings([a]))
    expect(run.failed).toEqual([])
    expect(iso((await readLatest(a)).publishedAt)).toBe(S1)
    expect(await publishedVersions(a)).toBe(1)
    expect(await slotsOf([b])).toEqual([S2])
  })

  it('should publish nothing while the schedule is disabled, even when a slot has passed', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, enabled: false, queue: [a, b] })
    setClock('2026-10-31T00:00:00.000Z')
    await runPublishJob()
    const run = await publishNow()
    expect(run).toEqual({ published: [], failed: [] })
    await expectStillDraft(a)
    await expectStillDraft(b)
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([a, b]))
  })

  it('should publish each review exactly once when two publishDueReviews calls overlap', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    setClock('2026-10-30T14:00:00.000Z')
    const runs = await Promise.all([publishNow(), publishNow()])
    expect(runs.flatMap((run) => run.failed)).toEqual([])
    expect(await publishedVersions(a)).toBe(1)
    expect(await publishedVersions(b)).toBe(1)
    await expectStillDraft(c)
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([c]))
    expect(await slotsOf([c])).toEqual([S3])
  })

  it('should catch up on three missed slots in slot order and keep the future slot', async () => {
    setClock(NOW)
    const [a, b, c, d] = await createDrafts(4)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c, d] })
    // An hour past the third slot: three slots missed, the fourth still ahead.
    setClock('2026-11-06T15:00:00.000Z')
    const run = await publishNow()
    expect(asStrings(run.published)).toEqual(asStrings([a, b, c]))
    expect(run.failed).toEqual([])
    const publishedAt: (null | string)[] = []
    for (const id of [a, b, c]) {
      const doc = await payload.findByID({ collection: 'reviews', id, depth: 0, overrideAccess: true })
      expect(doc._status).toBe('published')
      publishedAt.push(iso(doc.publishedAt))
      expect(await publishedVersions(id)).toBe(1)
    }
    expect(publishedAt).toEqual([S1, S2, S3])
    expect([...publishedAt].sort()).toEqual(publishedAt)
    await expectStillDraft(d)
    expect(await slotsOf([d])).toEqual([S4])
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([d]))
  })

  it('should record lastError for a review that fails validation, take it off the queue and publish the others', async () => {
    setClock(NOW)
    const doomedFilm = (
      await payload.create({
        collection: 'films',
        data: { title: uniqueTitle('Doomed film') },
        depth: 0,
        overrideAccess: true,
      })
    ).id
    const a = await createDraft('Fine review')
    const badTitle = uniqueTitle('Orphaned review')
    const bad = await createDraft('unused', { title: badTitle, film: doomedFilm })
    const c = await createDraft('Another fine review')
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, bad, c] })
    expect(await slotsOf([a, bad, c])).toEqual([S1, S2, S3])
    // Behind Payload's back (the films collection refuses to delete a reviewed film): the queued draft loses its required film.
    await payload.db.deleteOne({ collection: 'films', where: { id: { equals: doomedFilm } } })

    setClock('2026-11-06T15:00:00.000Z')
    await runPublishJob()
    expect(await publishedVersions(a)).toBe(1)
    expect(await publishedVersions(c)).toBe(1)
    await expectStillDraft(bad)
    const schedule = await readSchedule()
    expect(schedule.lastError).toContain(badTitle)
    expect(schedule.lastError).toMatch(/film/i)
    expect(asStrings(schedule.queue)).not.toContain(String(bad))
    expect(asStrings(schedule.queue)).toEqual([])

    const versionsBefore = await allVersions(bad)
    setClock('2026-11-06T16:00:00.000Z')
    const second = await publishNow()
    expect(second).toEqual({ published: [], failed: [] })
    expect(await allVersions(bad)).toBe(versionsBefore)
    await expectStillDraft(bad)
    expect((await readSchedule()).lastError ?? null).toBeNull()
  })

  it('should take a review published by hand off the queue and move the next one up to the first free slot', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    await payload.update({
      collection: 'reviews',
      id: a,
      data: { _status: 'published' },
      depth: 0,
      user: admin,
      overrideAccess: false,
    })
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([b, c]))
    expect(await slotsOf([b, c])).toEqual([S1, S2])
    expect(await publishedVersions(a)).toBe(1)
    expect((await readLatest(a))._status).toBe('published')
  })
})

describe('a catch-up run while the queue changes', () => {
  it('should not publish a review taken off the queue, or moved to a later slot, after the run read its due list', async () => {
    setClock(NOW)
    const [a, b, c, d] = await createDrafts(4)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c, d] })
    // Back after the third slot: a, b and c are due, in that order.
    const now = setClock('2026-11-06T15:00:00.000Z')
    const db = payload.db
    const commit = db.commitTransaction
    let isInterleaved = false
    // Once the run has committed its first publish, an admin takes b off the queue and c off and on again.
    db.commitTransaction = async (id) => {
      await commit.call(db, id)
      if (!isInterleaved && (await publishedVersions(a)) === 1) {
        isInterleaved = true
        await saveSchedule({ queue: [d] })
        await saveSchedule({ queue: [d, c] })
      }
    }
    let run: PublishRun
    try {
      run = await publishDueReviews({ req: await createLocalReq({}, payload), now })
    } finally {
      db.commitTransaction = commit
    }
    expect(isInterleaved).toBe(true)
    expect(asStrings(run.published)).toEqual(asStrings([a]))
    expect(run.failed).toEqual([])
    await expectStillDraft(b)
    await expectStillDraft(c)
    expect(asStrings((await readSchedule()).queue)).toEqual(asStrings([d, c]))
    expect(await slotsOf([b, c, d])).toEqual([null, '2026-11-20T14:00:00.000Z', S4])
  })
})

// Last on purpose: on SQLite a failed overlap can leave the database refusing every later write.
describe('overlapping job runs', () => {
  it('should publish each review exactly once when two job runs overlap', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    setClock('2026-10-30T14:00:00.000Z')
    const jobs = [
      await payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: QUEUE }),
      await payload.jobs.queue({ task: 'publishDueReviews', input: {}, queue: QUEUE }),
    ]
    // Each runner runs its own job record: Payload 3.90's runners claim records by read-then-write, so two
    // `jobs.run()` calls can take the same record and one crashes in Payload's code, not in our task.
    // allSettled, not all: both runs must finish before the checks (and the cleanup) touch the database.
    const runs = await Promise.allSettled(jobs.map((job) => payload.jobs.runByID({ id: job.id })))
    expect.soft(await publishedVersions(a), 'published versions of the first review').toBe(1)
    expect.soft(await publishedVersions(b), 'published versions of the second review').toBe(1)
    expect.soft(await publishedVersions(c), 'published versions of the future review').toBe(0)
    expect.soft(asStrings((await readSchedule()).queue)).toEqual(asStrings([c]))
    const failures = runs.flatMap((run) => (run.status === 'rejected' ? [String(run.reason)] : []))
    expect(failures, 'both job runs should finish without an error').toEqual([])
    const statuses = Object.assign({}, ...runs.map((run) => (run.status === 'fulfilled' ? run.value.jobStatus : {})))
    for (const job of jobs) {
      expect(statuses[String(job.id)], `job ${job.id}`).toEqual({ status: 'success' })
    }
  })
})
