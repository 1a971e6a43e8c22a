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

/**
 * A label for editors in their admin language, e.g. 'Fri 27 Nov 2026, 09:00 EST' in English (also the
 * API's label) or 'Fr., 27. Nov. 2026, 09:00 GMT-5' in German.
 */
export const formatSlotLabel = (instant: Date, timezone: string, language = 'en'): string => {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    hour: '2-digit',
    hourCycle: 'h23',
    minute: '2-digit',
    month: 'short',
    timeZone: timezone,
    timeZoneName: 'short',
    weekday: 'short',
    year: 'numeric',
  }
  if (language !== 'en') {
    return new Intl.DateTimeFormat(language, options).format(instant)
  }
  // en-US gives stable abbreviations (Sep, EST); the parts are reordered into a day-first label.
  const parts = new Intl.DateTimeFormat('en-US', options).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? ''
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`
}
