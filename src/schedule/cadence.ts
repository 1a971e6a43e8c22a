export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]

export type Cadence = { weekday: Weekday; time: string; timezone: string }

export type TimeOfDay = { hours: number; minutes: number }

export type LocalDate = { year: number; month: number; day: number }

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

let supportedZones: ReadonlySet<string> | undefined

// ICU lists only canonical ids (Asia/Calcutta, not Asia/Kolkata), so aliases are checked by their canonical form.
const canonicalZone = (zone: string): string | null => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export const isValidTimeZone = (zone: string): boolean => {
  if (typeof zone !== 'string' || zone === '') {
    return false
  }
  if (zone === 'UTC') {
    return true
  }
  supportedZones ??= new Set(Intl.supportedValuesOf('timeZone'))
  if (supportedZones.has(zone)) {
    return true
  }
  const canonical = canonicalZone(zone)
  return canonical !== null && (canonical === 'UTC' || supportedZones.has(canonical))
}

export const parseTimeOfDay = (time: string): TimeOfDay | null => {
  const match = typeof time === 'string' ? TIME_OF_DAY.exec(time) : null
  if (!match) {
    return null
  }
  return { hours: Number(match[1]), minutes: Number(match[2]) }
}

export const parseLocalDate = (date: string): LocalDate | null => {
  const match = typeof date === 'string' ? LOCAL_DATE.exec(date) : null
  if (!match) {
    return null
  }
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const probe = new Date(0)
  // setUTCFullYear keeps years below 100 literal, unlike Date.UTC.
  probe.setUTCFullYear(year, month - 1, day)
  const isRealDate = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day
  return isRealDate ? { year, month, day } : null
}

export const isLocalDate = (date: string): boolean => parseLocalDate(date) !== null

export const isWeekday = (value: unknown): value is Weekday =>
  typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value)

type ParsedCadence = TimeOfDay & { weekdayIndex: number; timezone: string }

// Throws because callers validate user input first; an invalid cadence here is a programming error.
export const parseCadence = (cadence: Cadence): ParsedCadence => {
  if (!cadence || typeof cadence !== 'object') {
    throw new Error('Schedule cadence is missing.')
  }
  if (!isWeekday(cadence.weekday)) {
    throw new Error(`Schedule cadence weekday "${String(cadence.weekday)}" is not one of ${WEEKDAYS.join(', ')}.`)
  }
  const time = parseTimeOfDay(cadence.time)
  if (!time) {
    throw new Error(`Schedule cadence time "${String(cadence.time)}" is not a 24-hour HH:mm time.`)
  }
  if (!isValidTimeZone(cadence.timezone)) {
    throw new Error(`Schedule cadence timezone "${String(cadence.timezone)}" is not a known IANA time zone.`)
  }
  return { ...time, timezone: cadence.timezone, weekdayIndex: WEEKDAYS.indexOf(cadence.weekday) }
}
