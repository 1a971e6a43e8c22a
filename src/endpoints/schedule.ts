import type { Endpoint, PayloadRequest } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { reviewURL } from '../reviewURL.js'
import { buildScheduleCalendar, formatSlotLabel, toLocalISO } from '../schedule/index.js'
import { planSlots, queueIDs, readStoredSchedule } from '../schedule/queue.js'
import { reviewUrlOf, slugsOf } from '../settings.js'
import { json, text } from './respond.js'

export type UpcomingSlot = {
  slot: string
  localSlot: string
  label: string
  review: {
    id: number | string
    title: string
    slug: null | string
    /** The page it will be published at (the `reviewUrl` option); null until it has a slug. */
    url: null | string
    film: { title: string; releaseYear: null | number } | null
  }
}

export type PublicSchedule = {
  enabled: boolean
  timezone: string
  weekday: string
  time: string
  upcoming: UpcomingSlot[]
}

type QueuedReviewDoc = {
  id: number | string
  title: string
  slug?: null | string
  publishAt?: null | string
  film?: { title: string; releaseYear?: null | number } | number | string | null
}

/**
 * What the public may know of the plan: cadence and, per queued review, its slot, title, slug and
 * film. Reviews are read as drafts (the queue holds drafts) but only those fields are selected.
 */
export const readPublicSchedule = async (req: PayloadRequest): Promise<PublicSchedule> => {
  const schedule = await readStoredSchedule(req)
  const timezone = schedule.timezone ?? 'UTC'
  const queue = queueIDs(schedule.queue)
  const { docs } = queue.length
    ? await req.payload.find({
        collection: slugsOf(req.payload).reviews,
        where: { and: [{ id: { in: queue } }, { publishAt: { exists: true } }] },
        draft: true,
        select: { title: true, slug: true, film: true, publishAt: true },
        populate: { [slugsOf(req.payload).films]: { title: true, releaseYear: true } },
        pagination: false,
        depth: 1,
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  // Stored slots pass unused while the schedule is off: show where switching it on would put the queue.
  const projected = schedule.enabled ? undefined : await planSlots({ req, schedule, now: new Date() })
  const slotOf = (doc: QueuedReviewDoc): Date | undefined =>
    projected
      ? projected.find(({ id }) => String(id) === String(doc.id))?.publishAt
      : doc.publishAt
        ? new Date(doc.publishAt)
        : undefined
  return {
    enabled: Boolean(schedule.enabled),
    timezone,
    weekday: schedule.weekday ?? 'friday',
    time: schedule.time ?? '09:00',
    upcoming: (docs as QueuedReviewDoc[])
      .flatMap((doc) => {
        const instant = slotOf(doc)
        if (!instant) {
          return []
        }
        const film = doc.film && typeof doc.film === 'object' ? doc.film : null
        return [
          {
            slot: instant.toISOString(),
            localSlot: toLocalISO(instant, timezone),
            label: formatSlotLabel(instant, timezone),
            review: {
              id: doc.id,
              title: doc.title,
              slug: doc.slug ?? null,
              url: doc.slug ? reviewURL(reviewUrlOf(req.payload), { id: doc.id, slug: doc.slug }) : null,
              film: film ? { title: film.title, releaseYear: film.releaseYear ?? null } : null,
            },
          },
        ]
      })
      .sort((a, b) => a.slot.localeCompare(b.slot)),
  }
}

/** The answer changes when its first slot passes, content change or not: caches must not keep it longer. */
const expiresAtFirstSlot = ({ upcoming }: PublicSchedule): Record<string, string> => {
  const next = upcoming.map(({ slot }) => Date.parse(slot)).find((slot) => slot > Date.now())
  return next === undefined ? {} : { Expires: new Date(next).toUTCString() }
}

export const scheduleEndpoint: Endpoint = {
  path: '/schedule',
  method: 'get',
  handler: async (req) => {
    const schedule = await readPublicSchedule(req)
    return json(req, schedule, 200, { 'Cache-Control': 'public, max-age=60', ...expiresAtFirstSlot(schedule) })
  },
}

export const scheduleCalendarEndpoint = (options: ResolvedOptions): Endpoint => ({
  path: '/schedule.ics',
  method: 'get',
  handler: async (req) => {
    const schedule = await readPublicSchedule(req)
    const calendar = buildScheduleCalendar({
      name: `${options.publisher.name}: upcoming reviews`,
      timezone: schedule.timezone,
      siteUrl: options.siteUrl,
      events: schedule.upcoming.map(({ slot, review }) => ({
        uid: `review-${review.id}@${new URL(options.siteUrl).host}`,
        start: new Date(slot),
        summary: review.film
          ? `${review.title} (${review.film.title}${review.film.releaseYear ? `, ${review.film.releaseYear}` : ''})`
          : review.title,
        url: review.url ?? undefined,
      })),
    })
    return text(req, calendar, 'text/calendar; charset=utf-8', 200, {
      'Cache-Control': 'public, max-age=300',
      'Content-Disposition': 'inline; filename="schedule.ics"',
      ...expiresAtFirstSlot(schedule),
    })
  },
})
