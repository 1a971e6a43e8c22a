import { formatLocalDate, localDateTimeOf } from './zone.js'

const pad = (value: number): string => String(value).padStart(2, '0')

const formatOffset = (offsetMinutes: number): string => {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const magnitude = Math.abs(offsetMinutes)
  return `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`
}

/** ISO 8601 with the zone's own offset at that instant, e.g. '2026-11-27T09:00:00-05:00'. */
export const toLocalISO = (instant: Date, timezone: string): string => {
  const local = localDateTimeOf(instant, timezone)
  const time = `${pad(local.hours)}:${pad(local.minutes)}:${pad(local.seconds)}`
  return `${formatLocalDate(local)}T${time}${formatOffset(local.offsetMinutes)}`
}

export const localDateOf = (instant: Date, timezone: string): string =>
  formatLocalDate(localDateTimeOf(instant, timezone))

/** A label for editors, e.g. 'Fri 27 Nov 2026, 09:00 EST'. */
export const formatSlotLabel = (instant: Date, timezone: string): string => {
  // en-US gives stable abbreviations (Sep, EST); the parts are reordered into a day-first label.
  const parts = new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    hour: '2-digit',
    hourCycle: 'h23',
    minute: '2-digit',
    month: 'short',
    timeZone: timezone,
    timeZoneName: 'short',
    weekday: 'short',
    year: 'numeric',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? ''
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`
}
