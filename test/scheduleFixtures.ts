import type { Payload } from 'payload'

import type { ID } from '../src/relationID'

import { vi } from 'vitest'

import { lastRunKey } from '../src/jobs/lastRun'
import { uniqueTitle } from './helpers'

/** What the schedule suites share: a fixed week, its New York Friday slots, drafts to queue, a reset. */
export const SCHEDULE = 'publication-schedule'

/** Tuesday 20 October 2026, noon UTC: New York is on EDT until Sunday 1 November. */
export const NOW = '2026-10-20T12:00:00.000Z'
/** Fridays 09:00 America/New_York after NOW: two EDT (UTC-4) slots, then EST (UTC-5). */
export const S1 = '2026-10-23T13:00:00.000Z'
export const S2 = '2026-10-30T13:00:00.000Z'
export const S3 = '2026-11-06T14:00:00.000Z'
export const S4 = '2026-11-13T14:00:00.000Z'

export const FRIDAYS_IN_NEW_YORK = {
  enabled: true,
  weekday: 'friday',
  time: '09:00',
  timezone: 'America/New_York',
  skipDates: [],
}

type DraftArgs = { film: ID; label: string; data?: Record<string, unknown> }

/** A never-published draft review of `film`. */
export const draftReview = async (payload: Payload, { film, label, data = {} }: DraftArgs): Promise<ID> =>
  (
    await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle(label), film, _status: 'draft', ...data },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
  ).id

/** `count` drafts, labelled `label 1` … `label n`, created in that order. */
export const draftReviews = async (payload: Payload, { count, label, ...rest }: DraftArgs & { count: number }) => {
  const ids: ID[] = []
  for (let index = 1; index <= count; index++) {
    ids.push(await draftReview(payload, { ...rest, label: `${label} ${index}` }))
  }
  return ids
}

/** The latest version of a review (what the admin shows), drafts included. */
export const latestReview = (payload: Payload, id: ID) =>
  payload.findByID({ collection: 'reviews', id, draft: true, depth: 0, overrideAccess: true })

/** How many published versions a review has: each publish writes one. */
export const publishedVersionCount = async (payload: Payload, id: ID): Promise<number> =>
  (
    await payload.countVersions({
      collection: 'reviews',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
    })
  ).totalDocs

/** After each test: the real clock, the schedule off with an empty queue, no run recorded, no reviews. */
export const resetSchedule = async (payload: Payload): Promise<void> => {
  vi.useRealTimers()
  await payload.updateGlobal({
    slug: SCHEDULE,
    data: { ...FRIDAYS_IN_NEW_YORK, enabled: false, queue: [] },
    depth: 0,
    overrideAccess: true,
  })
  await payload.kv.delete(lastRunKey(payload))
  await payload.delete({ collection: 'reviews', where: { id: { exists: true } }, depth: 0, overrideAccess: true })
}
