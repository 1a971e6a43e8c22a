import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { createLocalReq } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { paragraph, richText } from '../cms/seed/richText'
import { publishDueReviews } from '../src/jobs/publishDueReviews'
import { createUser, loginHeaders, setClock, startTestServer, uniqueSuffix, uniqueTitle } from './helpers'
import {
  draftReviews,
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

type Upcoming = {
  slot: string
  localSlot: string
  review: { id: ID; title: string; slug: string; url: string; film: { title: string; releaseYear: number } }
}

type PublicSchedule = { timezone: string; weekday: string; time: string; upcoming: Upcoming[] }

type CalendarEvent = { uid: string; start: string }

/** Written into every draft's excerpt and plot recap: it must never reach the public schedule. */
const DRAFT_MARKER = `DRAFT-ONLY-${uniqueSuffix()}`

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser
let film: { id: ID; title: string; releaseYear: number }

/** Drafts whose excerpt and plot recap carry the marker. */
const marked = () => ({
  excerpt: `Excerpt ${DRAFT_MARKER}`,
  plotRecap: richText(paragraph(`Plot recap ${DRAFT_MARKER}`)),
})
const createDrafts = (count: number): Promise<ID[]> =>
  draftReviews(payload, { film: film.id, count, label: 'Upcoming review', data: marked() })

const saveSchedule = (data: Record<string, unknown>) =>
  payload.updateGlobal({ slug: SCHEDULE, data, depth: 0, overrideAccess: true })

const readSchedule = () => payload.findGlobal({ slug: SCHEDULE, depth: 0, overrideAccess: true })

const getSchedule = async (): Promise<{ text: string; body: PublicSchedule }> => {
  const response = await fetch(`${server.url}/api/schedule`)
  expect(response.status).toBe(200)
  const text = await response.text()
  return { text, body: JSON.parse(text) as PublicSchedule }
}

const getCalendar = async (): Promise<{ text: string; events: CalendarEvent[] }> => {
  const response = await fetch(`${server.url}/api/schedule.ics`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/calendar\b/)
  const text = await response.text()
  return { text, events: parseEvents(text) }
}

/** Reads UID and DTSTART of every VEVENT (RFC 5545: unfold continuation lines first). */
const parseEvents = (ics: string): CalendarEvent[] => {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
  const events: CalendarEvent[] = []
  let current: Partial<CalendarEvent> | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') {
      current = {}
    } else if (line === 'END:VEVENT' && current) {
      events.push({ uid: current.uid ?? '', start: current.start ?? '' })
      current = null
    } else if (current && line.startsWith('UID:')) {
      current.uid = line.slice('UID:'.length)
    } else if (current && line.startsWith('DTSTART')) {
      const utc = /^DTSTART(?:;[^:]*)?:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(line)
      current.start = utc ? `${utc[1]}-${utc[2]}-${utc[3]}T${utc[4]}:${utc[5]}:${utc[6]}.000Z` : `not UTC: ${line}`
    }
  }
  return events
}

/** Saves the schedule over REST as an admin; the response as it came. */
const postSchedule = async (data: Record<string, unknown>): Promise<Response> =>
  fetch(`${server.url}/api/globals/${SCHEDULE}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) },
    body: JSON.stringify(data),
  })

/** The schedule as an admin reads it over REST. */
const getStoredSchedule = async (): Promise<Record<string, unknown>> => {
  const response = await fetch(`${server.url}/api/globals/${SCHEDULE}?depth=0`, {
    headers: await loginHeaders(server.url, admin),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown>
}

/** One run of the publishing job at `now` (the server's own cron is stopped). */
const runJob = async (now: string) => publishDueReviews({ req: await createLocalReq({}, payload), now: new Date(now) })

const slotOf = async (id: ID): Promise<null | string> => {
  const { publishAt } = await latestReview(payload, id)
  return publishAt ? new Date(publishAt).toISOString() : null
}

const fieldErrorsOf = async (response: Response) => {
  const body = (await response.json()) as { errors?: { data?: { errors?: { path: string; message: string }[] } }[] }
  return (body.errors ?? []).flatMap((error) => error.data?.errors ?? [])
}

/** Fridays 09:00 New York from 4 September 2026, skipping 27 November: EDT is UTC-4, EST UTC-5. */
const expectedAcceptanceSlots = (count: number): string[] => {
  const slots: string[] = []
  for (let day = Date.UTC(2026, 8, 4); slots.length < count; day += 7 * 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10)
    if (date !== '2026-11-27') {
      const isEastern = date > '2026-11-01' && date < '2027-03-14'
      slots.push(`${date}T${isEastern ? '14' : '13'}:00:00.000Z`)
    }
  }
  return slots
}

beforeAll(async () => {
  server = await startTestServer('schedule_http')
  payload = server.payload
  // The clock is faked here: the minute cron would run the queue (and write) at unpredictable moments.
  await Promise.all(payload.crons.splice(0).map((cron) => cron.stop()))
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  const title = uniqueTitle('Jaws')
  film = {
    id: (await payload.create({ collection: 'films', data: { title, releaseYear: 1975 }, depth: 0 })).id,
    title,
    releaseYear: 1975,
  }
})

afterEach(() => resetSchedule(payload))

afterAll(async () => {
  vi.useRealTimers()
  await server?.close()
})

describe('the publication schedule over REST', () => {
  it('should refuse an anonymous read of the schedule with 403', async () => {
    const response = await fetch(`${server.url}/api/globals/${SCHEDULE}`)
    expect(response.status).toBe(403)
  })

  it('should refuse an editor saving the schedule with 403 and change nothing', async () => {
    const before = await readSchedule()
    const response = await fetch(`${server.url}/api/globals/${SCHEDULE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, editor)) },
      body: JSON.stringify({ time: '10:00' }),
    })
    expect(response.status).toBe(403)
    expect(await readSchedule()).toEqual(before)
  })

  it('should answer an admin saving an unknown time zone with 400 naming timezone, and change nothing', async () => {
    const before = await readSchedule()
    const response = await fetch(`${server.url}/api/globals/${SCHEDULE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) },
      body: JSON.stringify({ timezone: 'Mars/Olympus' }),
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { errors?: { data?: { errors?: { path: string; message: string }[] } }[] }
    const fieldErrors = (body.errors ?? []).flatMap((error) => error.data?.errors ?? [])
    expect(fieldErrors.map((error) => error.path)).toContain('timezone')
    expect(fieldErrors.find((error) => error.path === 'timezone')?.message).toContain('Mars/Olympus')
    expect(await readSchedule()).toEqual(before)
  })

  it('should refuse in English by default and in German for Accept-Language: de', async () => {
    const refusal = async (headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/api/globals/${SCHEDULE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)), ...headers },
        body: JSON.stringify({ timezone: 'Mars/Olympus' }),
      })
      expect(response.status).toBe(400)
      const body = (await response.json()) as { errors: { data?: { errors?: { path: string; message: string }[] } }[] }
      return body.errors.flatMap((error) => error.data?.errors ?? []).find((error) => error.path === 'timezone')
        ?.message
    }
    expect(await refusal({})).toBe(
      'Time zone “Mars/Olympus” is not an IANA zone this server knows (e.g. Europe/London, America/New_York).',
    )
    expect(await refusal({ 'accept-language': 'de' })).toBe(
      'Die Zeitzone „Mars/Olympus“ ist keine IANA-Zeitzone, die dieser Server kennt (z. B. Europe/Berlin, America/New_York).',
    )
  })

  it('should let an admin save the schedule with 200', async () => {
    const response = await fetch(`${server.url}/api/globals/${SCHEDULE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) },
      body: JSON.stringify({ time: '10:45' }),
    })
    expect(response.status).toBe(200)
    expect((await readSchedule()).time).toBe('10:45')
  })
})

describe('GET /api/schedule', () => {
  it('should list the queued reviews with their UTC slot, New York local slot, title, slug and film', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    const { body } = await getSchedule()
    expect(body).toMatchObject({ timezone: 'America/New_York', weekday: 'friday', time: '09:00' })
    expect(body.upcoming.map((entry) => entry.slot)).toEqual([
      '2026-10-23T13:00:00.000Z',
      '2026-10-30T13:00:00.000Z',
      '2026-11-06T14:00:00.000Z',
    ])
    expect(body.upcoming.map((entry) => entry.localSlot)).toEqual([
      '2026-10-23T09:00:00-04:00',
      '2026-10-30T09:00:00-04:00',
      '2026-11-06T09:00:00-05:00',
    ])
    for (const [index, entry] of body.upcoming.entries()) {
      const draft = await payload.findByID({
        collection: 'reviews',
        id: queue[index],
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
      expect(entry.review).toEqual({
        id: draft.id,
        title: draft.title,
        slug: draft.slug,
        url: expect.stringMatching(new RegExp(`^https?://[^/]+/reviews/${draft.slug}$`)),
        film: { title: film.title, releaseYear: 1975 },
      })
    }
  })

  it('should show anonymous visitors nothing of the drafts beyond title, slug and film', async () => {
    setClock(NOW)
    const queue = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    const draft = await payload.findByID({
      collection: 'reviews',
      id: queue[0],
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(JSON.stringify(draft)).toContain(DRAFT_MARKER)
    const { text, body } = await getSchedule()
    expect(body.upcoming).toHaveLength(2)
    expect(text).not.toContain(DRAFT_MARKER)
    expect(text).not.toContain('Plot recap')
  })

  it('should answer with the keys of the public contract plus only `enabled`, a display `label` and the review `url`', async () => {
    setClock(NOW)
    const queue = await createDrafts(2)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    const { body } = await getSchedule()
    expect(body.upcoming).toHaveLength(2)
    const keys = (value: object) => Object.keys(value).sort()
    expect.soft(keys(body), 'top-level keys').toEqual(['enabled', 'time', 'timezone', 'upcoming', 'weekday'])
    for (const entry of body.upcoming) {
      expect.soft(keys(entry), 'keys of an upcoming slot').toEqual(['label', 'localSlot', 'review', 'slot'])
      expect.soft(keys(entry.review), 'keys of a review').toEqual(['film', 'id', 'slug', 'title', 'url'])
      expect.soft(keys(entry.review.film), 'keys of a film').toEqual(['releaseYear', 'title'])
    }
  })
})

describe('GET /api/schedule.ics', () => {
  it('should serve one VEVENT per upcoming slot, starting at the slot, with UIDs that stay the same', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    const { body } = await getSchedule()
    const first = await getCalendar()
    const second = await getCalendar()
    expect(first.events).toHaveLength(3)
    expect(first.events.map((event) => event.start)).toEqual(body.upcoming.map((entry) => entry.slot))
    expect(new Set(first.events.map((event) => event.uid)).size).toBe(3)
    expect(first.events.every((event) => event.uid.length > 0)).toBe(true)
    expect(second.events).toEqual(first.events)
    expect(first.text).not.toContain(DRAFT_MARKER)
  })
})

describe('the acceptance scenario: a season of Fridays', () => {
  it('should plan 40 Fridays at 09:00 New York around daylight saving time and a holiday, and swap two slots when the queue is reordered', async () => {
    setClock('2026-09-01T12:00:00.000Z')
    const queue = await createDrafts(40)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue, skipDates: [{ date: '2026-11-27', reason: 'Thanksgiving' }] })

    const { body } = await getSchedule()
    const slots = body.upcoming.map((entry) => entry.slot)
    expect(slots).toHaveLength(40)
    expect(slots).toEqual(expectedAcceptanceSlots(40))
    expect(body.upcoming.map((entry) => String(entry.review.id))).toEqual(queue.map(String))
    for (const { slot, localSlot } of body.upcoming) {
      const date = slot.slice(0, 10)
      const utcHour = new Date(slot).getUTCHours()
      if (date < '2026-11-01') {
        expect(utcHour, slot).toBe(13)
      } else if (date >= '2026-11-06' && date <= '2027-03-12') {
        expect(utcHour, slot).toBe(14)
      } else {
        expect(date >= '2027-03-19', slot).toBe(true)
        expect(utcHour, slot).toBe(13)
      }
      expect(localSlot).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00-0[45]:00$/)
      expect(localSlot.slice(0, 10)).not.toBe('2026-11-27')
      expect(new Date(localSlot).toISOString()).toBe(slot)
    }
    expect(slots.some((slot) => slot.startsWith('2026-11-06'))).toBe(true)
    expect(slots.some((slot) => slot.startsWith('2027-03-12'))).toBe(true)
    expect(slots.some((slot) => slot.startsWith('2027-03-19'))).toBe(true)

    const calendar = await getCalendar()
    expect(calendar.events).toHaveLength(40)
    expect(calendar.events.map((event) => event.start)).toEqual(slots)

    const swapped = [...queue]
    ;[swapped[4], swapped[25]] = [swapped[25], swapped[4]]
    await saveSchedule({ queue: swapped })
    const after = await getSchedule()
    expect(after.body.upcoming.map((entry) => entry.slot)).toEqual(slots)
    expect(after.body.upcoming.map((entry) => String(entry.review.id))).toEqual(swapped.map(String))
    const slotOf = (entries: Upcoming[], id: ID) =>
      entries.find((entry) => String(entry.review.id) === String(id))?.slot
    expect(slotOf(after.body.upcoming, queue[4])).toBe(slots[25])
    expect(slotOf(after.body.upcoming, queue[25])).toBe(slots[4])

    const recalendar = await getCalendar()
    expect(recalendar.events.map((event) => event.start)).toEqual(slots)
    const uidAt = (events: CalendarEvent[], start: string) => events.find((event) => event.start === start)?.uid
    expect(uidAt(recalendar.events, slots[4])).toBe(uidAt(calendar.events, slots[25]))
    expect(uidAt(recalendar.events, slots[25])).toBe(uidAt(calendar.events, slots[4]))
  })
})

describe('the publishing job and the schedule admins edit', () => {
  it('should leave the schedule and the public cache alone on a run that publishes nothing, so a form loaded before it still saves', async () => {
    setClock(NOW)
    const [a] = await createDrafts(1)
    expect((await postSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })).status).toBe(200)
    const loaded = await getStoredSchedule()
    const path = '/api/reviews?limit=1'
    await fetch(`${server.url}${path}`)
    expect((await fetch(`${server.url}${path}`)).headers.get('x-cache')).toBe('hit')

    expect(await runJob('2026-10-20T12:05:00.000Z')).toEqual({ published: [], failed: [] })

    expect((await fetch(`${server.url}${path}`)).headers.get('x-cache'), 'the public cache after the run').toBe('hit')
    const after = await getStoredSchedule()
    expect(after.updatedAt).toBe(loaded.updatedAt)
    expect(after.lastRunAt).toBe('2026-10-20T12:05:00.000Z')
    expect(after.lastError ?? null).toBeNull()
    const saved = await postSchedule({ ...loaded, skipDates: [{ date: '2026-12-25', reason: 'Christmas' }] })
    expect(saved.status, 'a save from the form loaded before the run').toBe(200)
  })

  it('should show the run state through REST, GraphQL and the Local API, and refuse to take it as input', async () => {
    setClock(NOW)
    const doomed = (await payload.create({ collection: 'films', data: { title: uniqueTitle('Doomed') }, depth: 0 })).id
    const [a] = await draftReviews(payload, { film: doomed, count: 1, label: 'Orphaned review' })
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })
    // Behind Payload's back (a reviewed film cannot be deleted): the queued draft loses its film, so the run fails it.
    await payload.db.deleteOne({ collection: 'films', where: { id: { equals: doomed } } })
    await runJob('2026-10-23T13:01:00.000Z')

    const rest = await getStoredSchedule()
    expect(rest.lastRunAt).toBe('2026-10-23T13:01:00.000Z')
    expect(rest.lastError).toMatch(/film/i)
    const local = await readSchedule()
    expect(local.lastRunAt).toBe(rest.lastRunAt)
    expect(local.lastError).toBe(rest.lastError)
    const graphQL = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) },
      body: JSON.stringify({ query: '{ PublicationSchedule { lastRunAt lastError } }' }),
    })
    const { data } = (await graphQL.json()) as { data: { PublicationSchedule: Record<string, unknown> } }
    expect(data.PublicationSchedule).toEqual({ lastRunAt: rest.lastRunAt, lastError: rest.lastError })

    expect((await postSchedule({ lastError: 'typed by hand', lastRunAt: NOW })).status).toBe(200)
    expect(await getStoredSchedule()).toMatchObject({ lastRunAt: rest.lastRunAt, lastError: rest.lastError })
  })
})

describe('slots', () => {
  it('should give a review unpublished and queued again the next free slot, not its old past one', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await postSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b] })
    setClock('2026-10-23T13:05:00.000Z')
    expect((await runJob('2026-10-23T13:05:00.000Z')).published.map(String)).toEqual([String(a)])

    const unpublished = await fetch(`${server.url}/api/reviews/${a}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, admin)) },
      body: JSON.stringify({ _status: 'draft' }),
    })
    expect(unpublished.status).toBe(200)
    expect((await postSchedule({ queue: [b, a] })).status).toBe(200)
    expect([await slotOf(b), await slotOf(a)]).toEqual([S2, S3])

    expect(await runJob('2026-10-23T13:10:00.000Z')).toEqual({ published: [], failed: [] })
    expect((await latestReview(payload, a))._status).toBe('draft')
    expect(await publishedVersionCount(payload, a)).toBe(1)
  })

  it('should move the queue on to future slots when a schedule switched off over missed slots is switched on again', async () => {
    setClock(NOW)
    const queue = await createDrafts(3)
    await postSchedule({ ...FRIDAYS_IN_NEW_YORK, queue })
    expect((await postSchedule({ enabled: false })).status).toBe(200)
    // Three Fridays pass while the schedule is off.
    const now = setClock('2026-11-10T12:00:00.000Z')
    expect((await postSchedule({ enabled: true })).status).toBe(200)
    const slots = await Promise.all(queue.map(slotOf))
    expect(slots).toEqual(['2026-11-13T14:00:00.000Z', '2026-11-20T14:00:00.000Z', '2026-11-27T14:00:00.000Z'])

    expect(await runJob(now.toISOString())).toEqual({ published: [], failed: [] })
    for (const id of queue) {
      expect(await publishedVersionCount(payload, id)).toBe(0)
    }
  })

  it('should publish at once, each at its slot, the reviews whose slots passed while the server was down, even after a save', async () => {
    setClock(NOW)
    const [a, b, c] = await createDrafts(3)
    await postSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a, b, c] })
    // The server comes back after the second slot; an admin reorders the queue before the job runs.
    const now = setClock('2026-10-31T12:00:00.000Z')
    expect((await postSchedule({ queue: [b, a, c] })).status).toBe(200)
    expect((await runJob(now.toISOString())).published.map(String)).toEqual([a, b].map(String))
    for (const [id, slot] of [
      [a, S1],
      [b, S2],
    ] as const) {
      const published = await payload.findByID({ collection: 'reviews', id, depth: 0, overrideAccess: true })
      expect(new Date(published.publishedAt as string).toISOString()).toBe(slot)
    }
    expect(await slotOf(c)).toBe(S3)
  })

  it('should list only slots to come while the schedule is off, where switching it on would put the queue', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await postSchedule({ ...FRIDAYS_IN_NEW_YORK, enabled: false, queue: [a, b] })
    setClock('2026-10-24T12:00:00.000Z')
    const { body } = await getSchedule()
    expect(body.upcoming.map((entry) => [String(entry.review.id), entry.slot])).toEqual([
      [String(a), S2],
      [String(b), S3],
    ])
  })
})

describe('schedule input of the wrong type', () => {
  it.each([
    ['queue', 1],
    ['queue', '1'],
    ['queue', { a: 1 }],
    ['queue', true],
    ['queue', [1.5]],
    ['queue', [1e300]],
    ['updatedAt', 'garbage'],
    ['updatedAt', { a: 1 }],
  ])('should answer %s = %j with 400 naming it, and write nothing', async (path, value) => {
    setClock(NOW)
    const [a] = await createDrafts(1)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })
    const before = await readSchedule()
    const response = await postSchedule({ [path]: value })
    expect(response.status).toBe(400)
    expect((await fieldErrorsOf(response)).map((error) => error.path)).toEqual([path])
    expect(await readSchedule()).toEqual(before)
  })

  it('should refuse a save made from a version the schedule never had, saying so', async () => {
    setClock(NOW)
    const [a] = await createDrafts(1)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })
    const before = await readSchedule()
    const response = await postSchedule({ updatedAt: '2099-01-01T00:00:00.000Z', queue: [] })
    expect(response.status).toBe(409)
    const [error] = await fieldErrorsOf(response)
    expect(error.path).toBe('updatedAt')
    expect(error.message).toMatch(/2099-01-01T00:00:00.000Z is not a version of the publication schedule/)
    expect(await readSchedule()).toEqual(before)
  })
})

describe('the cached schedule when a slot passes', () => {
  it('should answer afresh once its first slot has passed, with no content change in between', async () => {
    setClock(NOW)
    const [a, b] = await createDrafts(2)
    await postSchedule({ ...FRIDAYS_IN_NEW_YORK, enabled: false, queue: [a, b] })
    for (const path of ['/api/schedule', '/api/schedule.ics']) {
      await fetch(`${server.url}${path}`)
      const warm = await fetch(`${server.url}${path}`)
      expect(warm.headers.get('x-cache'), path).toBe('hit')
      expect(warm.headers.get('expires'), path).toBe(new Date(S1).toUTCString())
    }
    // A minute before the slot, caches downstream may keep it only that long.
    setClock(new Date(Date.parse(S1) - 30_000))
    const soon = await fetch(`${server.url}/api/schedule`)
    expect(soon.headers.get('x-cache')).toBe('hit')
    expect(soon.headers.get('cache-control')).toMatch(/^public, max-age=(29|30)$/)

    setClock(new Date(Date.parse(S1) + 60_000))
    const after = await fetch(`${server.url}/api/schedule`)
    expect(after.headers.get('x-cache')).toBe('miss')
    const { upcoming } = (await after.json()) as PublicSchedule
    expect(upcoming.map((entry) => entry.slot)).toEqual([S2, S3])
    const calendar = await (await fetch(`${server.url}/api/schedule.ics`)).text()
    expect(calendar).not.toContain(S1.replace(/[-:]/g, '').slice(0, 15))
  })
})

describe('queue ids', () => {
  it.each([
    ['an id of no review', [999999]],
    ['a draft and an id of no review', 'draft+missing'],
    ['an id that is not an id', ['not-an-id']],
  ])('should answer %s in the queue with 400 naming queue, and write nothing', async (_label, queue) => {
    setClock(NOW)
    const [a] = await createDrafts(1)
    await saveSchedule({ ...FRIDAYS_IN_NEW_YORK, queue: [a] })
    const before = await readSchedule()
    const response = await postSchedule({ queue: queue === 'draft+missing' ? [a, 999999] : queue })
    expect(response.status).toBe(400)
    const errors = await fieldErrorsOf(response)
    expect(errors.map((error) => error.path)).toEqual(['queue'])
    expect(errors[0].message).toMatch(/999999|not-an-id/)
    expect(await readSchedule()).toEqual(before)
    expect(await slotOf(a)).toBe(S1)
  })
})
