import type { Cadence, QueuedReview } from '../src/schedule'

import { describe, expect, it } from 'vitest'

import {
  assignSlots,
  buildScheduleCalendar,
  formatSlotLabel,
  isLocalDate,
  isValidTimeZone,
  localDateOf,
  nextSlots,
  parseTimeOfDay,
  toLocalISO,
  WEEKDAYS,
} from '../src/schedule'

const utc = (iso: string): Date => new Date(iso)

const isoList = (dates: Date[]): string[] => dates.map((date) => date.toISOString())

// Independent of the code under test: what Intl itself says the wall clock reads.
const intlWallClock = (instant: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    hourCycle: 'h23',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'longOffset',
    weekday: 'long',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string | undefined =>
    parts.find((entry) => entry.type === type)?.value
  return `${part('weekday')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`
}

const firstSlot = ({ cadence, after }: { cadence: Cadence; after: string }): string =>
  nextSlots({ after: utc(after), cadence, count: 1 })[0].toISOString()

describe('validation helpers', () => {
  it('should list the weekdays from monday to sunday', () => {
    expect(WEEKDAYS).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
  })

  it('should accept IANA zones, their aliases and UTC', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
      expect(isValidTimeZone(zone)).toBe(true)
    }
  })

  it('should reject unknown zones, offsets and empty strings', () => {
    for (const zone of ['Mars/Olympus_Mons', '+05:30', 'GMT+5', '', 'New York']) {
      expect(isValidTimeZone(zone)).toBe(false)
    }
  })

  it('should parse strict 24-hour HH:mm times', () => {
    expect(parseTimeOfDay('09:00')).toEqual({ hours: 9, minutes: 0 })
    expect(parseTimeOfDay('00:00')).toEqual({ hours: 0, minutes: 0 })
    expect(parseTimeOfDay('23:59')).toEqual({ hours: 23, minutes: 59 })
  })

  it('should reject malformed or out-of-range times', () => {
    for (const time of ['25:61', '24:00', '9:00', '09:0', '09:60', ' 09:00', '09:00:00', '0900', '']) {
      expect(parseTimeOfDay(time)).toBeNull()
    }
  })

  it('should accept only real calendar dates in YYYY-MM-DD form', () => {
    expect(isLocalDate('2026-12-25')).toBe(true)
    expect(isLocalDate('2028-02-29')).toBe(true)
    expect(isLocalDate('2026-02-29')).toBe(false)
    expect(isLocalDate('2026-02-30')).toBe(false)
    expect(isLocalDate('2026-13-01')).toBe(false)
    expect(isLocalDate('2026-1-01')).toBe(false)
    expect(isLocalDate('2026-01-01T00:00')).toBe(false)
  })

  it('should throw a clear error for an invalid cadence', () => {
    const after = utc('2026-01-01T00:00:00Z')
    const valid: Cadence = { time: '09:00', timezone: 'America/New_York', weekday: 'friday' }
    expect(() => nextSlots({ after, cadence: { ...valid, timezone: 'Nowhere/City' }, count: 1 })).toThrow(
      /timezone "Nowhere\/City"/,
    )
    expect(() => nextSlots({ after, cadence: { ...valid, time: '9:00' }, count: 1 })).toThrow(/time "9:00"/)
    expect(() =>
      assignSlots({
        cadence: { ...valid, weekday: 'funday' as Cadence['weekday'] },
        keepDue: true,
        now: after,
        queue: [{ id: 1 }],
      }),
    ).toThrow(/weekday "funday"/)
  })

  it('should return no slots for a count of zero', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'UTC', weekday: 'monday' }
    expect(nextSlots({ after: utc('2026-01-01T00:00:00Z'), cadence, count: 0 })).toEqual([])
  })
})

describe('nextSlots in America/New_York', () => {
  const fridays: Cadence = { time: '09:00', timezone: 'America/New_York', weekday: 'friday' }

  it('should keep 09:00 local across 40 Fridays and shift the UTC hour exactly at both transitions', () => {
    const slots = nextSlots({ after: utc('2026-09-01T00:00:00Z'), cadence: fridays, count: 40 })

    expect(slots).toHaveLength(40)
    expect(slots.map((slot) => slot.getUTCHours())).toEqual([
      ...Array<number>(9).fill(13),
      ...Array<number>(19).fill(14),
      ...Array<number>(12).fill(13),
    ])
    expect(slots[0].toISOString()).toBe('2026-09-04T13:00:00.000Z')
    expect(slots[8].toISOString()).toBe('2026-10-30T13:00:00.000Z')
    expect(slots[9].toISOString()).toBe('2026-11-06T14:00:00.000Z')
    expect(slots[27].toISOString()).toBe('2027-03-12T14:00:00.000Z')
    expect(slots[28].toISOString()).toBe('2027-03-19T13:00:00.000Z')
    expect(slots[39].toISOString()).toBe('2027-06-04T13:00:00.000Z')
    for (const slot of slots) {
      expect(intlWallClock(slot, 'America/New_York')).toMatch(/^Friday 09:00 GMT-0[45]:00$/)
    }
  })

  it('should move a nonexistent time forward by the gap on spring-forward days', () => {
    const cadence: Cadence = { time: '02:30', timezone: 'America/New_York', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-03-07T12:00:00Z', cadence })).toBe('2026-03-08T07:30:00.000Z')
    expect(firstSlot({ after: '2027-03-13T12:00:00Z', cadence })).toBe('2027-03-14T07:30:00.000Z')
    expect(toLocalISO(utc('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00')
  })

  it('should take the first occurrence of an ambiguous time on fall-back days', () => {
    const cadence: Cadence = { time: '01:30', timezone: 'America/New_York', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-10-31T12:00:00Z', cadence })).toBe('2026-11-01T05:30:00.000Z')
    expect(firstSlot({ after: '2027-11-06T12:00:00Z', cadence })).toBe('2027-11-07T05:30:00.000Z')
    expect(intlWallClock(utc('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('Sunday 01:30 GMT-04:00')
  })

  it('should offer the second occurrence of an ambiguous time when the first has passed', () => {
    const cadence: Cadence = { time: '01:30', timezone: 'America/New_York', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-11-01T05:30:00Z', cadence })).toBe('2026-11-08T06:30:00.000Z')
  })
})

describe('nextSlots in Europe/London', () => {
  it('should keep 09:00 local on both sides of the transitions', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'Europe/London', weekday: 'sunday' }
    const slots = nextSlots({ after: utc('2026-03-21T00:00:00Z'), cadence, count: 2 })
    expect(isoList(slots)).toEqual(['2026-03-22T09:00:00.000Z', '2026-03-29T08:00:00.000Z'])
    const autumn = nextSlots({ after: utc('2026-10-17T00:00:00Z'), cadence, count: 2 })
    expect(isoList(autumn)).toEqual(['2026-10-18T08:00:00.000Z', '2026-10-25T09:00:00.000Z'])
  })

  it('should move a nonexistent time forward by the gap on spring-forward days', () => {
    const cadence: Cadence = { time: '01:30', timezone: 'Europe/London', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-03-28T12:00:00Z', cadence })).toBe('2026-03-29T01:30:00.000Z')
    expect(firstSlot({ after: '2027-03-27T12:00:00Z', cadence })).toBe('2027-03-28T01:30:00.000Z')
    expect(intlWallClock(utc('2026-03-29T01:30:00Z'), 'Europe/London')).toBe('Sunday 02:30 GMT+01:00')
  })

  it('should take the first occurrence of an ambiguous time on fall-back days', () => {
    const cadence: Cadence = { time: '01:30', timezone: 'Europe/London', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-10-24T12:00:00Z', cadence })).toBe('2026-10-25T00:30:00.000Z')
    expect(firstSlot({ after: '2027-10-30T12:00:00Z', cadence })).toBe('2027-10-31T00:30:00.000Z')
    expect(intlWallClock(utc('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('Sunday 01:30 GMT+01:00')
  })
})

describe('nextSlots in Australia/Sydney', () => {
  it('should keep 09:00 local through the southern-hemisphere seasons', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'Australia/Sydney', weekday: 'sunday' }
    const april = nextSlots({ after: utc('2026-03-28T00:00:00Z'), cadence, count: 2 })
    expect(isoList(april)).toEqual(['2026-03-28T22:00:00.000Z', '2026-04-04T23:00:00.000Z'])
    const october = nextSlots({ after: utc('2026-09-26T00:00:00Z'), cadence, count: 2 })
    expect(isoList(october)).toEqual(['2026-09-26T23:00:00.000Z', '2026-10-03T22:00:00.000Z'])
  })

  it('should move a nonexistent time forward by the gap on spring-forward days', () => {
    const cadence: Cadence = { time: '02:30', timezone: 'Australia/Sydney', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-10-03T00:00:00Z', cadence })).toBe('2026-10-03T16:30:00.000Z')
    expect(firstSlot({ after: '2027-10-02T00:00:00Z', cadence })).toBe('2027-10-02T16:30:00.000Z')
    expect(intlWallClock(utc('2026-10-03T16:30:00Z'), 'Australia/Sydney')).toBe('Sunday 03:30 GMT+11:00')
  })

  it('should take the first occurrence of an ambiguous time on fall-back days', () => {
    const cadence: Cadence = { time: '02:30', timezone: 'Australia/Sydney', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-04-04T00:00:00Z', cadence })).toBe('2026-04-04T15:30:00.000Z')
    expect(firstSlot({ after: '2027-04-03T00:00:00Z', cadence })).toBe('2027-04-03T15:30:00.000Z')
    expect(intlWallClock(utc('2026-04-04T15:30:00Z'), 'Australia/Sydney')).toBe('Sunday 02:30 GMT+11:00')
  })
})

describe('nextSlots in Australia/Lord_Howe', () => {
  it('should move a nonexistent time forward by the 30-minute gap', () => {
    const cadence: Cadence = { time: '02:15', timezone: 'Australia/Lord_Howe', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-10-03T00:00:00Z', cadence })).toBe('2026-10-03T15:45:00.000Z')
    expect(firstSlot({ after: '2027-10-02T00:00:00Z', cadence })).toBe('2027-10-02T15:45:00.000Z')
    expect(toLocalISO(utc('2026-10-03T15:45:00Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:45:00+11:00')
  })

  it('should take the first occurrence of a time repeated by the 30-minute fall-back', () => {
    const cadence: Cadence = { time: '01:45', timezone: 'Australia/Lord_Howe', weekday: 'sunday' }
    expect(firstSlot({ after: '2026-04-04T00:00:00Z', cadence })).toBe('2026-04-04T14:45:00.000Z')
    expect(firstSlot({ after: '2027-04-03T00:00:00Z', cadence })).toBe('2027-04-03T14:45:00.000Z')
    expect(intlWallClock(utc('2026-04-04T14:45:00Z'), 'Australia/Lord_Howe')).toBe('Sunday 01:45 GMT+11:00')
  })

  it('should keep 09:00 local with half-hour offsets on both sides', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'Australia/Lord_Howe', weekday: 'sunday' }
    const slots = nextSlots({ after: utc('2026-09-26T00:00:00Z'), cadence, count: 2 })
    expect(isoList(slots)).toEqual(['2026-09-26T22:30:00.000Z', '2026-10-03T22:00:00.000Z'])
  })
})

describe('nextSlots in Asia/Kolkata', () => {
  it('should map 09:00 to 03:30Z all year without DST', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'Asia/Kolkata', weekday: 'monday' }
    const winter = nextSlots({ after: utc('2026-01-01T00:00:00Z'), cadence, count: 1 })
    const summer = nextSlots({ after: utc('2026-07-01T00:00:00Z'), cadence, count: 1 })
    expect(isoList([...winter, ...summer])).toEqual(['2026-01-05T03:30:00.000Z', '2026-07-06T03:30:00.000Z'])
    expect(toLocalISO(winter[0], 'Asia/Kolkata')).toBe('2026-01-05T09:00:00+05:30')
  })
})

describe('nextSlots future, skip dates and taken slots', () => {
  const fridays: Cadence = { time: '09:00', timezone: 'America/New_York', weekday: 'friday' }

  it('should only return slots strictly after the given instant', () => {
    const slots = nextSlots({ after: utc('2026-01-09T14:00:00Z'), cadence: fridays, count: 1 })
    expect(isoList(slots)).toEqual(['2026-01-16T14:00:00.000Z'])
    const justBefore = nextSlots({ after: utc('2026-01-09T13:59:59.999Z'), cadence: fridays, count: 1 })
    expect(isoList(justBefore)).toEqual(['2026-01-09T14:00:00.000Z'])
  })

  it('should skip local dates listed in skipDates', () => {
    const slots = nextSlots({
      after: utc('2026-12-14T00:00:00Z'),
      cadence: fridays,
      count: 3,
      skipDates: ['2026-12-25', '2027-01-01'],
    })
    expect(isoList(slots)).toEqual(['2026-12-18T14:00:00.000Z', '2027-01-08T14:00:00.000Z', '2027-01-15T14:00:00.000Z'])
  })

  it('should match skip dates against the schedule zone, not UTC', () => {
    const cadence: Cadence = { time: '09:00', timezone: 'Australia/Sydney', weekday: 'monday' }
    const slots = nextSlots({ after: utc('2026-07-01T00:00:00Z'), cadence, count: 2, skipDates: ['2026-07-06'] })
    expect(isoList(slots)).toEqual(['2026-07-12T23:00:00.000Z', '2026-07-19T23:00:00.000Z'])
    expect(localDateOf(slots[0], 'Australia/Sydney')).toBe('2026-07-13')
  })

  it('should skip slots that are already taken', () => {
    const slots = nextSlots({
      after: utc('2026-01-01T00:00:00Z'),
      cadence: fridays,
      count: 2,
      taken: [utc('2026-01-02T14:00:00Z'), utc('2026-01-16T14:00:00Z')],
    })
    expect(isoList(slots)).toEqual(['2026-01-09T14:00:00.000Z', '2026-01-23T14:00:00.000Z'])
  })

  it('should throw for a skip date that is not a calendar date', () => {
    expect(() =>
      nextSlots({ after: utc('2026-01-01T00:00:00Z'), cadence: fridays, count: 1, skipDates: ['2026-02-30'] }),
    ).toThrow(/2026-02-30/)
  })
})

describe('assignSlots', () => {
  const fridays: Cadence = { time: '09:00', timezone: 'America/New_York', weekday: 'friday' }

  const backlog = (): QueuedReview[] => [
    { id: 'a', publishAt: utc('2026-01-02T14:00:00Z') },
    { id: 'b', publishAt: utc('2026-01-09T14:00:00Z') },
    { id: 'c', publishAt: utc('2026-01-16T14:00:00Z') },
    { id: 'd', publishAt: utc('2026-01-30T14:00:00Z') },
    { id: 'e', publishAt: null },
  ]

  it('should keep due slots after a 3-week outage and give the rest fresh future slots', () => {
    const now = utc('2026-01-24T12:00:00Z')
    const assigned = assignSlots({ cadence: fridays, keepDue: true, now, queue: backlog() })
    expect(assigned.map(({ id, publishAt }) => [id, publishAt.toISOString()])).toEqual([
      ['a', '2026-01-02T14:00:00.000Z'],
      ['b', '2026-01-09T14:00:00.000Z'],
      ['c', '2026-01-16T14:00:00.000Z'],
      ['d', '2026-01-30T14:00:00.000Z'],
      ['e', '2026-02-06T14:00:00.000Z'],
    ])
  })

  it('should give every review a fresh future slot when keepDue is false', () => {
    const now = utc('2026-01-24T12:00:00Z')
    const assigned = assignSlots({ cadence: fridays, keepDue: false, now, queue: backlog() })
    expect(assigned.map(({ id, publishAt }) => [id, publishAt.toISOString()])).toEqual([
      ['a', '2026-01-30T14:00:00.000Z'],
      ['b', '2026-02-06T14:00:00.000Z'],
      ['c', '2026-02-13T14:00:00.000Z'],
      ['d', '2026-02-20T14:00:00.000Z'],
      ['e', '2026-02-27T14:00:00.000Z'],
    ])
  })

  it('should keep a slot due exactly now and give the others strictly later slots', () => {
    const now = utc('2026-01-30T14:00:00Z')
    const assigned = assignSlots({
      cadence: fridays,
      keepDue: true,
      now,
      queue: [{ id: 1 }, { id: 2, publishAt: utc('2026-01-30T14:00:00Z') }],
    })
    expect(assigned.map(({ id, publishAt }) => [id, publishAt.toISOString()])).toEqual([
      [1, '2026-02-06T14:00:00.000Z'],
      [2, '2026-01-30T14:00:00.000Z'],
    ])
  })

  it('should swap the slots of two swapped queue entries', () => {
    const now = utc('2026-03-01T00:00:00Z')
    const queue: QueuedReview[] = [{ id: 1 }, { id: 2 }, { id: 3 }]
    const before = assignSlots({ cadence: fridays, keepDue: true, now, queue })
    const after = assignSlots({ cadence: fridays, keepDue: true, now, queue: [queue[1], queue[0], queue[2]] })
    const slotOf = (assigned: typeof before, id: number): string | undefined =>
      assigned.find((entry) => entry.id === id)?.publishAt.toISOString()

    expect(after.map(({ id }) => id)).toEqual([2, 1, 3])
    expect(slotOf(after, 1)).toBe(slotOf(before, 2))
    expect(slotOf(after, 2)).toBe(slotOf(before, 1))
    expect(slotOf(after, 3)).toBe(slotOf(before, 3))
  })

  it('should skip taken slots and skip dates when assigning', () => {
    const assigned = assignSlots({
      cadence: fridays,
      keepDue: true,
      now: utc('2026-01-01T00:00:00Z'),
      queue: [{ id: 1 }, { id: 2 }],
      skipDates: ['2026-01-09'],
      taken: [utc('2026-01-02T14:00:00Z')],
    })
    expect(isoList(assigned.map(({ publishAt }) => publishAt))).toEqual([
      '2026-01-16T14:00:00.000Z',
      '2026-01-23T14:00:00.000Z',
    ])
  })
})

describe('formatting', () => {
  it('should write ISO 8601 with the zone offset at that instant', () => {
    expect(toLocalISO(utc('2026-11-27T14:00:00Z'), 'America/New_York')).toBe('2026-11-27T09:00:00-05:00')
    expect(toLocalISO(utc('2026-07-03T13:00:00Z'), 'America/New_York')).toBe('2026-07-03T09:00:00-04:00')
    expect(toLocalISO(utc('2026-01-05T03:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-05T09:00:00+05:30')
    expect(toLocalISO(utc('2026-01-05T09:00:00Z'), 'UTC')).toBe('2026-01-05T09:00:00+00:00')
  })

  it('should label a slot with the short zone name', () => {
    expect(formatSlotLabel(utc('2026-11-27T14:00:00Z'), 'America/New_York')).toBe('Fri 27 Nov 2026, 09:00 EST')
    expect(formatSlotLabel(utc('2026-07-03T13:00:00Z'), 'America/New_York')).toBe('Fri 3 Jul 2026, 09:00 EDT')
    expect(formatSlotLabel(utc('2026-09-04T00:05:00Z'), 'UTC')).toBe('Fri 4 Sep 2026, 00:05 UTC')
  })

  it('should give the local calendar date of an instant', () => {
    expect(localDateOf(utc('2026-07-12T23:00:00Z'), 'Australia/Sydney')).toBe('2026-07-13')
    expect(localDateOf(utc('2026-07-13T02:00:00Z'), 'America/New_York')).toBe('2026-07-12')
  })
})

describe('buildScheduleCalendar', () => {
  const unfold = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n')

  it('should write one VEVENT per slot with stable UIDs and UTC start times', () => {
    const text = buildScheduleCalendar({
      events: [
        { start: utc('2026-11-27T14:00:00Z'), summary: 'Fallout', uid: 'review-1@example.com' },
        {
          description: 'Ramin Djawadi, track by track',
          durationMinutes: 30,
          start: utc('2026-12-04T14:00:00Z'),
          summary: 'Westworld',
          uid: 'review-2@example.com',
          url: 'https://example.com/reviews/westworld',
        },
      ],
      name: 'Soundtrack reviews',
      siteUrl: 'https://example.com',
      timezone: 'America/New_York',
    })
    const lines = unfold(text)

    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('END:VCALENDAR')
    expect(lines.find((line) => line.startsWith('PRODID:'))).toMatch(/payload-soundtrack-reviews/)
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(lines.filter((line) => line.startsWith('UID:'))).toEqual([
      'UID:review-1@example.com',
      'UID:review-2@example.com',
    ])
    expect(lines.filter((line) => line.startsWith('DTSTART'))).toEqual([
      'DTSTART:20261127T140000Z',
      'DTSTART:20261204T140000Z',
    ])
    expect(lines.filter((line) => line.startsWith('DTEND'))).toEqual([
      'DTEND:20261127T150000Z',
      'DTEND:20261204T143000Z',
    ])
    expect(lines).toContain('X-WR-CALNAME:Soundtrack reviews')
    expect(lines).toContain('X-WR-TIMEZONE:America/New_York')
  })

  it('should write an empty calendar when nothing is scheduled', () => {
    const lines = unfold(buildScheduleCalendar({ events: [], name: 'Empty', timezone: 'UTC' }))
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(0)
    expect(lines).toContain('END:VCALENDAR')
  })
})
