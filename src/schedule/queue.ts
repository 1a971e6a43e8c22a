import type { PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'
import type { Weekday } from './cadence.js'
import type { AssignedSlot } from './slots.js'

import { ValidationError } from 'payload'

import { SCHEDULING, withContext } from '../context.js'
import { lockSchedule } from '../db/locks.js'
import { slugsOf } from '../settings.js'
import { soundtrackT } from '../translations/index.js'
import { assignSlots } from './slots.js'

/*
 * The publication queue as a service: read the schedule, change its queue under its lock, and give
 * queued reviews their slots. The schedule's hooks, the publishing job and the endpoints share it.
 */

type ScheduleDoc = {
  enabled?: boolean | null
  weekday?: null | string
  time?: null | string
  timezone?: null | string
  queue?: (ID | { id: ID })[] | null
  skipDates?: { date?: null | string }[] | null
  updatedAt?: null | string
}

/** The schedule as stored (ids at depth 0), read inside `req`'s transaction; the job's run state is left out. */
export const readStoredSchedule = async (req: PayloadRequest): Promise<ScheduleDoc> =>
  (await req.payload.findGlobal({
    slug: slugsOf(req.payload).schedule,
    select: { lastRunAt: false, lastError: false },
    depth: 0,
    overrideAccess: true,
    req,
  })) as ScheduleDoc

export const queueIDs = (queue: ScheduleDoc['queue']): ID[] =>
  (queue ?? []).map((entry) => (typeof entry === 'object' && entry !== null ? entry.id : entry))

/** A person-readable reason from a ValidationError (field: message; …) or any other error. */
export const describeErrors = (error: unknown): string => {
  const errors = (error as { data?: { errors?: { path?: string; message?: string }[] } })?.data?.errors
  return errors?.length
    ? errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    : error instanceof Error
      ? error.message
      : String(error)
}

/** Writes a review's slot as a new draft version; a review that no longer validates names itself. */
const setPublishAt = async ({ req, id, publishAt }: { req: PayloadRequest; id: ID; publishAt: null | string }) => {
  try {
    await writePublishAt({ req, id, publishAt })
  } catch (error) {
    throw new ValidationError(
      {
        global: slugsOf(req.payload).schedule,
        errors: [
          {
            path: 'queue',
            message: soundtrackT(req.t)('soundtrackReviews:validation.cannotSchedule', {
              id,
              reason: describeErrors(error),
            }),
          },
        ],
        req,
      },
      req.t,
    )
  }
}

const writePublishAt = async ({ req, id, publishAt }: { req: PayloadRequest; id: ID; publishAt: null | string }) => {
  await req.payload.update({
    collection: slugsOf(req.payload).reviews,
    id,
    data: { publishAt },
    draft: true,
    depth: 0,
    overrideAccess: true,
    select: { publishAt: true },
    req: withContext(req, { [SCHEDULING]: true }),
  })
}

/**
 * The slots `schedule` gives its queue now: the n-th queued review the n-th free weekly slot, after
 * skipped dates and published reviews' slots still to come. A review in `due` keeps that slot
 * once it has passed (the publishing job then publishes it at once).
 */
export const planSlots = async ({
  req,
  schedule,
  now,
  due = new Map(),
}: {
  req: PayloadRequest
  schedule: ScheduleDoc
  now: Date
  due?: Map<string, Date>
}): Promise<AssignedSlot[]> => {
  const { docs: published } = await req.payload.find({
    collection: slugsOf(req.payload).reviews,
    where: { and: [{ _status: { equals: 'published' } }, { publishedAt: { greater_than: now.toISOString() } }] },
    select: { publishedAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return assignSlots({
    cadence: {
      weekday: (schedule.weekday ?? 'friday') as Weekday,
      time: schedule.time ?? '09:00',
      timezone: schedule.timezone ?? 'UTC',
    },
    now,
    queue: queueIDs(schedule.queue).map((id) => ({ id, publishAt: due.get(String(id)) ?? null })),
    skipDates: (schedule.skipDates ?? []).flatMap((skip) => (skip.date ? [skip.date] : [])),
    taken: published.flatMap((doc) => (doc.publishedAt ? [new Date(doc.publishedAt as string)] : [])),
    keepDue: true,
  })
}

/**
 * Gives every queued review its slot (see planSlots) and clears the slot of reviews that left the
 * queue since `previous`. Only reviews whose slot changes are written, all in `req`'s transaction.
 */
export const reassignSlots = async ({
  req,
  schedule,
  previous = schedule,
  now = new Date(),
}: {
  req: PayloadRequest
  schedule: ScheduleDoc
  previous?: ScheduleDoc
  now?: Date
}): Promise<void> => {
  const queue = queueIDs(schedule.queue)
  const queued = new Set(queue.map(String))
  const previousQueue = queueIDs(previous.queue)
  const removed = previousQueue.filter((id) => !queued.has(String(id)))
  if (queue.length === 0 && removed.length === 0) {
    return
  }
  const { docs: current } = await req.payload.find({
    collection: slugsOf(req.payload).reviews,
    where: { id: { in: [...queue, ...removed] } },
    draft: true,
    select: { publishAt: true, _status: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  // A review that left the queue loses its slot, unless it left because it was published.
  for (const doc of current.filter((doc) => removed.some((id) => String(id) === String(doc.id)))) {
    if (doc._status !== 'published' && doc.publishAt) {
      await setPublishAt({ req, id: doc.id as ID, publishAt: null })
    }
  }
  if (queue.length === 0) {
    return
  }
  const currentSlot = new Map(
    current.map((doc) => [String(doc.id), (doc.publishAt as null | string | undefined) ?? null]),
  )
  // Missed slots: passed while the schedule was on (server down), kept and published at once; passed while it was off, or held from before a review (re)joined the queue, replaced by future slots.
  const isOnThroughout = Boolean(previous.enabled && schedule.enabled)
  const due = new Map<string, Date>()
  for (const id of isOnThroughout ? previousQueue.map(String) : []) {
    const slot = currentSlot.get(id)
    if (slot) {
      due.set(id, new Date(slot))
    }
  }
  for (const { id, publishAt } of await planSlots({ req, schedule, now, due })) {
    const next = publishAt.toISOString()
    const previousSlot = currentSlot.get(String(id))
    if (!previousSlot || new Date(previousSlot).toISOString() !== next) {
      await setPublishAt({ req, id, publishAt: next })
    }
  }
}

/**
 * Changes the queue as it stands now, never as some earlier read saw it: locks the schedule's row,
 * reads it in `req`'s transaction and writes `change(queue)` in the same transaction.
 * Nothing is written when nothing changes. `req.context` decides whether the schedule's own hooks re-slot the rest.
 */
export const changeQueue = async ({
  req,
  change,
}: {
  req: PayloadRequest
  change: (queue: ID[]) => ID[]
}): Promise<{ previousQueue: ID[]; schedule: ScheduleDoc }> => {
  await lockSchedule(req)
  const current = await readStoredSchedule(req)
  const previousQueue = queueIDs(current.queue)
  const queue = change(previousQueue)
  if (queue.length === previousQueue.length) {
    return { previousQueue, schedule: current }
  }
  const schedule = (await req.payload.updateGlobal({
    slug: slugsOf(req.payload).schedule,
    data: { queue },
    depth: 0,
    overrideAccess: true,
    req,
  })) as ScheduleDoc
  return { previousQueue, schedule }
}

/** The queue without `ids`. */
export const without =
  (ids: ID[]) =>
  (queue: ID[]): ID[] =>
    queue.filter((id) => !ids.some((other) => String(other) === String(id)))
