import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { Cadence, Weekday } from '../src/schedule'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nextSlots, WEEKDAYS } from '../src/schedule'
import { localDateTimeOf } from '../src/schedule/zone'
import { parseTrackList } from '../src/tracklist/parseTrackList'
import { createUser, loginHeaders, startTestServer, uniqueTitle } from './helpers'

/** Runs of the database-backed properties: enough to find a wrong total, few enough for `npm test`. */
const DB_RUNS = 25
const PURE_RUNS = 300

let server: RunningServer
let payload: Payload
let adminHeaders: Record<string, string>

beforeAll(async () => {
  server = await startTestServer('properties')
  payload = server.payload
  adminHeaders = await loginHeaders(server.url, await createUser(payload, 'admin'))
})

afterAll(async () => {
  await server?.close()
})

type TrackCommand =
  | { kind: 'create'; film: number; seconds: number }
  | { kind: 'update'; pick: number; seconds: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'move'; pick: number; film: number }

const FILMS = 3

const trackCommand: fc.Arbitrary<TrackCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    film: fc.nat(FILMS - 1),
    seconds: fc.integer({ min: 1, max: 86399 }),
  }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), seconds: fc.integer({ min: 1, max: 86399 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), film: fc.nat(FILMS - 1) }),
)

describe('property: film and review totals are the sum of their tracks', () => {
  it(`should keep every total right after random create/update/delete/move sequences (${DB_RUNS} runs)`, async () => {
    let trackNumber = 0
    let runs = 0
    let operations = 0
    await fc.assert(
      fc.asyncProperty(fc.array(trackCommand, { minLength: 1, maxLength: 8 }), async (commands) => {
        runs++
        const films = await Promise.all(
          Array.from({ length: FILMS }, () =>
            payload.create({ collection: 'films', data: { title: uniqueTitle('Property film') }, depth: 0 }),
          ),
        )
        const reviews = await Promise.all(
          films.map((film) =>
            payload.create({
              collection: 'reviews',
              data: { title: uniqueTitle('Property review'), film: film.id },
              draft: true,
              depth: 0,
            }),
          ),
        )
        const tracks: ID[] = []
        for (const command of commands) {
          operations++
          const id = tracks.length ? tracks[('pick' in command ? command.pick : 0) % tracks.length] : undefined
          if (command.kind === 'create') {
            const track = await payload.create({
              collection: 'tracks',
              data: {
                film: films[command.film].id,
                number: ++trackNumber,
                title: `Cue ${trackNumber}`,
                durationSeconds: command.seconds,
              },
              depth: 0,
            })
            tracks.push(track.id)
          } else if (id !== undefined && command.kind === 'update') {
            await payload.update({ collection: 'tracks', id, data: { durationSeconds: command.seconds }, depth: 0 })
          } else if (id !== undefined && command.kind === 'move') {
            await payload.update({ collection: 'tracks', id, data: { film: films[command.film].id }, depth: 0 })
          } else if (id !== undefined && command.kind === 'delete') {
            await payload.delete({ collection: 'tracks', id, depth: 0 })
            tracks.splice(tracks.indexOf(id), 1)
          }
        }
        for (const [index, film] of films.entries()) {
          const { docs } = await payload.find({
            collection: 'tracks',
            where: { film: { equals: film.id } },
            pagination: false,
            depth: 0,
          })
          const sum = docs.reduce((total, track) => total + Number(track.durationSeconds), 0)
          const stored = await payload.findByID({ collection: 'films', id: film.id, depth: 0 })
          expect({ count: stored.trackCount, seconds: stored.totalRuntimeSeconds }).toEqual({
            count: docs.length,
            seconds: sum,
          })
          const review = await payload.findByID({ collection: 'reviews', id: reviews[index].id, depth: 0, draft: true })
          expect({ count: review.trackCount, seconds: review.totalRuntimeSeconds }).toEqual({
            count: docs.length,
            seconds: sum,
          })
        }
      }),
      { numRuns: DB_RUNS },
    )
    expect(runs).toBe(DB_RUNS)
    expect(operations).toBeGreaterThanOrEqual(DB_RUNS)
  })
})

type Line = { text: string; valid: true; seconds: number; title: string } | { text: string; valid: false }

const word = fc.stringMatching(/^[A-Z][a-z]{1,8}$/)
const titleArb = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '))
const clock = fc
  .record({ minutes: fc.integer({ min: 0, max: 59 }), seconds: fc.integer({ min: 0, max: 59 }) })
  .filter(({ minutes, seconds }) => minutes + seconds > 0)

/** A line for track `number`: one of the accepted layouts, or one of the mistakes people paste. */
const lineFor = (number: number): fc.Arbitrary<Line> =>
  fc.oneof(
    fc
      .tuple(titleArb, clock, fc.constantFrom('dotted', 'tabbed', 'disc'))
      .map(([title, { minutes, seconds }, layout]): Line => {
        const duration = `${minutes}:${String(seconds).padStart(2, '0')}`
        const text =
          layout === 'dotted'
            ? `${number}. ${title} (${duration})`
            : layout === 'tabbed'
              ? `${number}\t${title}\t${duration}`
              : `1-${String(number).padStart(2, '0')} ${title} ${duration}`
        return { text, valid: true, seconds: minutes * 60 + seconds, title }
      }),
    fc
      .tuple(titleArb, fc.constantFrom('no duration', 'bad seconds', 'track zero', 'no title', 'too large'))
      .map(([title, mistake]): Line => {
        const text =
          mistake === 'no duration'
            ? `${number}. ${title}`
            : mistake === 'bad seconds'
              ? `${number}. ${title} (1:75)`
              : mistake === 'track zero'
                ? `0. ${title} (1:00)`
                : mistake === 'no title'
                  ? `${number}. (2:00)`
                  : `1000. ${title} (1:00)`
        return { text, valid: false }
      }),
  )

const trackListArb = fc
  .integer({ min: 1, max: 12 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => lineFor(index + 1))))
  .chain((lines) => fc.tuple(fc.constant(lines), fc.array(fc.nat(lines.length), { maxLength: 3 })))
  .map(([lines, blanks]) => {
    const withBlanks: (Line | null)[] = [...lines]
    for (const at of blanks.sort((a, b) => b - a)) {
      withBlanks.splice(at, 0, null)
    }
    return withBlanks
  })

const expectedOf = (lines: (Line | null)[]) => {
  const errorLines = lines.flatMap((line, index) => (line && !line.valid ? [index + 1] : []))
  const tracks = lines.flatMap((line) => (line?.valid ? [{ title: line.title, seconds: line.seconds }] : []))
  return { errorLines, tracks, text: lines.map((line) => line?.text ?? '').join('\n') }
}

describe('property: a pasted track list is imported exactly or refused by line', () => {
  it(`should parse random track lists exactly or name every bad line (${PURE_RUNS} runs)`, () => {
    fc.assert(
      fc.property(trackListArb, (lines) => {
        const { errorLines, tracks, text } = expectedOf(lines)
        const parsed = parseTrackList(text)
        expect(parsed.errors.map((error) => error.line)).toEqual(errorLines)
        if (errorLines.length === 0) {
          expect(parsed.tracks.map((track) => ({ title: track.title, seconds: track.durationSeconds }))).toEqual(tracks)
        }
      }),
      { numRuns: PURE_RUNS },
    )
  })

  it(`should import random track lists over HTTP exactly, or refuse them by line and write nothing (${DB_RUNS} runs)`, async () => {
    let imported = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(trackListArb, async (lines) => {
        const { errorLines, tracks, text } = expectedOf(lines)
        const film = await payload.create({ collection: 'films', data: { title: uniqueTitle('Paste film') }, depth: 0 })
        const response = await fetch(`${server.url}/api/films/${film.id}/tracklist`, {
          method: 'POST',
          headers: { ...adminHeaders, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        })
        const body = (await response.json()) as { errors?: Array<{ line: number }>; created?: number }
        const stored = await payload.find({
          collection: 'tracks',
          where: { film: { equals: film.id } },
          sort: 'number',
          pagination: false,
          depth: 0,
        })
        if (errorLines.length > 0) {
          refused++
          expect(response.status).toBe(400)
          expect(body.errors?.map((error) => error.line)).toEqual(errorLines)
          expect(stored.totalDocs).toBe(0)
        } else {
          imported++
          expect(response.status).toBe(200)
          expect(stored.docs.map((track) => ({ title: track.title, seconds: track.durationSeconds }))).toEqual(tracks)
          const total = tracks.reduce((sum, track) => sum + track.seconds, 0)
          const updated = await payload.findByID({ collection: 'films', id: film.id, depth: 0 })
          expect(updated.totalRuntimeSeconds).toBe(total)
        }
      }),
      { numRuns: DB_RUNS },
    )
    expect(imported + refused).toBe(DB_RUNS)
  })
})

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
]

const cadenceArb: fc.Arbitrary<Cadence> = fc.record({
  weekday: fc.constantFrom(...WEEKDAYS) as fc.Arbitrary<Weekday>,
  time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
    .map(([hours, minutes]) => `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`),
  timezone: fc.constantFrom(...ZONES),
})

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

describe('property: schedule slots', () => {
  it(`should give strictly increasing slots on the local weekday and time (${PURE_RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        cadenceArb,
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
        (cadence, after, count, skipWeeks) => {
          const plain = nextSlots({ after, cadence, count: count + 5 })
          const skipDates = [...new Set(skipWeeks)]
            .map((week) => localDateTimeOf(plain[Math.min(week, plain.length - 1)], cadence.timezone))
            .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
          const slots = nextSlots({ after, cadence, count, skipDates })
          expect(slots).toHaveLength(count)
          const [hours, minutes] = cadence.time.split(':').map(Number)
          slots.forEach((slot, index) => {
            expect(slot.getTime()).toBeGreaterThan(index === 0 ? after.getTime() : slots[index - 1].getTime())
            const local = localDateTimeOf(slot, cadence.timezone)
            expect(WEEKDAYS[local.weekdayIndex] ?? local.weekdayIndex).toBe(cadence.weekday)
            const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`
            expect(skipDates).not.toContain(date)
            const isWallClock = local.hours === hours && local.minutes === minutes
            // Only a DST gap moves a slot, and then forward by the gap (at most an hour).
            const shift = (local.hours * 60 + local.minutes - (hours * 60 + minutes) + 1440) % 1440
            expect(isWallClock || (shift > 0 && shift <= 60), `${slot.toISOString()} in ${cadence.timezone}`).toBe(true)
            if (index > 0) {
              expect(slot.getTime() - slots[index - 1].getTime()).toBeGreaterThan(WEEK_MS - 2 * 60 * 60 * 1000)
            }
          })
        },
      ),
      { numRuns: PURE_RUNS },
    )
  })
})
