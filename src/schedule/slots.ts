import type { Cadence } from './cadence.js'

import { parseCadence, parseLocalDate } from './cadence.js'
import { addDays, assertValidInstant, formatLocalDate, localDateTimeOf, resolveLocalTime } from './zone.js'

export type QueuedReview = { id: number | string; publishAt?: Date | null }

export type AssignedSlot = { id: number | string; publishAt: Date }

const assertValidSkipDates = (skipDates: string[]): void => {
  const invalid = skipDates.find((date) => parseLocalDate(date) === null)
  if (invalid !== undefined) {
    throw new Error(`Skip date "${String(invalid)}" is not a YYYY-MM-DD calendar date.`)
  }
}

/** The first `count` cadence slots strictly after `after`, leaving out skipped local dates and taken instants. */
export const nextSlots = ({
  after,
  cadence,
  count,
  skipDates = [],
  taken = [],
}: {
  after: Date
  cadence: Cadence
  count: number
  skipDates?: string[]
  taken?: Date[]
}): Date[] => {
  const rule = parseCadence(cadence)
  assertValidInstant(after, 'after')
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`Slot count must be a whole number of zero or more, got ${String(count)}.`)
  }
  assertValidSkipDates(skipDates)
  const skipped = new Set(skipDates)
  const takenTimes = new Set(taken.map((instant) => instant.getTime()))

  const start = localDateTimeOf(after, rule.timezone)
  let date = addDays({ date: start, days: (rule.weekdayIndex - start.weekdayIndex + 7) % 7 })
  const slots: Date[] = []
  // Terminates: skipped dates and taken instants are finite, every other week yields a slot.
  while (slots.length < count) {
    const slot = resolveLocalTime({ date, time: rule, timezone: rule.timezone })
    const isFree =
      slot.getTime() > after.getTime() && !skipped.has(formatLocalDate(date)) && !takenTimes.has(slot.getTime())
    if (isFree) {
      slots.push(slot)
    }
    date = addDays({ date, days: 7 })
  }
  return slots
}

/** With `keepDue`, a review whose slot has come keeps it so the publishing job still picks it up. */
export const assignSlots = ({
  cadence,
  keepDue,
  now,
  queue,
  skipDates,
  taken = [],
}: {
  cadence: Cadence
  keepDue: boolean
  now: Date
  queue: QueuedReview[]
  skipDates?: string[]
  taken?: Date[]
}): AssignedSlot[] => {
  assertValidInstant(now, 'now')
  const isDue = (review: QueuedReview): review is QueuedReview & { publishAt: Date } =>
    keepDue &&
    review.publishAt instanceof Date &&
    !Number.isNaN(review.publishAt.getTime()) &&
    review.publishAt.getTime() <= now.getTime()

  const kept = queue.filter(isDue).map((review) => review.publishAt)
  const fresh = nextSlots({
    after: now,
    cadence,
    count: queue.length - kept.length,
    skipDates,
    taken: [...taken, ...kept],
  })
  let nextFresh = 0
  return queue.map((review) => ({
    id: review.id,
    publishAt: isDue(review) ? review.publishAt : fresh[nextFresh++],
  }))
}
