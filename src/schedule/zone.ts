import type { LocalDate, TimeOfDay } from './cadence.js'

import { TZDate, tzOffset } from '@date-fns/tz'

type LocalDateTime = LocalDate & TimeOfDay & { seconds: number; weekdayIndex: number; offsetMinutes: number }

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

export const assertValidInstant = (instant: Date, name: string): void => {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new Error(`${name} must be a valid Date.`)
  }
}

// TZDate getters read the zone through Intl only, so they do not depend on the server's own zone.
export const localDateTimeOf = (instant: Date, timezone: string): LocalDateTime => {
  assertValidInstant(instant, 'instant')
  const local = new TZDate(instant.getTime(), timezone)
  if (Number.isNaN(local.getTime())) {
    throw new Error(`Time zone "${timezone}" is not a known IANA time zone.`)
  }
  return {
    day: local.getDate(),
    hours: local.getHours(),
    minutes: local.getMinutes(),
    month: local.getMonth() + 1,
    offsetMinutes: -local.getTimezoneOffset(),
    seconds: local.getSeconds(),
    // Monday is 0, matching WEEKDAYS.
    weekdayIndex: (local.getDay() + 6) % 7,
    year: local.getFullYear(),
  }
}

export const addDays = ({ date, days }: { date: LocalDate; days: number }): LocalDate => {
  const shifted = new Date(0)
  shifted.setUTCFullYear(date.year, date.month - 1, date.day + days)
  return { day: shifted.getUTCDate(), month: shifted.getUTCMonth() + 1, year: shifted.getUTCFullYear() }
}

export const formatLocalDate = ({ year, month, day }: LocalDate): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

const readsAs = ({
  date,
  instant,
  time,
  timezone,
}: {
  date: LocalDate
  instant: number
  time: TimeOfDay
  timezone: string
}): boolean => {
  const local = localDateTimeOf(new Date(instant), timezone)
  return (
    local.year === date.year &&
    local.month === date.month &&
    local.day === date.day &&
    local.hours === time.hours &&
    local.minutes === time.minutes
  )
}

/** A skipped wall-clock time moves forward by the DST gap; a repeated one takes its first occurrence. */
export const resolveLocalTime = ({
  date,
  time,
  timezone,
}: {
  date: LocalDate
  time: TimeOfDay
  timezone: string
}): Date => {
  // TZDate's constructor settles DST gaps and overlaps through the server's zone, so results would vary per host.
  const probe = new Date(0)
  probe.setUTCFullYear(date.year, date.month - 1, date.day)
  probe.setUTCHours(time.hours, time.minutes, 0, 0)
  const wallClock = probe.getTime()
  const offsetBefore = tzOffset(timezone, new Date(wallClock - DAY_MS))
  const offsetAfter = tzOffset(timezone, new Date(wallClock + DAY_MS))
  if (Number.isNaN(offsetBefore) || Number.isNaN(offsetAfter)) {
    throw new Error(`Time zone "${timezone}" is not a known IANA time zone.`)
  }
  const occurrences = [offsetBefore, offsetAfter]
    .map((offset) => wallClock - offset * MINUTE_MS)
    .filter((instant) => readsAs({ date, instant, time, timezone }))
    .sort((a, b) => a - b)
  // In a gap, the pre-jump offset lands exactly the gap's length past the requested time.
  return new Date(occurrences[0] ?? wallClock - offsetBefore * MINUTE_MS)
}
