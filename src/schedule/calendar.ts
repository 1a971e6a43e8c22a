import ical from 'ical-generator'

export type ScheduleCalendarEvent = {
  uid: string
  start: Date
  durationMinutes?: number
  summary: string
  description?: string
  url?: string
}

const DEFAULT_DURATION_MINUTES = 60
const MINUTE_MS = 60_000

/** An RFC 5545 feed of scheduled reviews; times are written in UTC so no VTIMEZONE block is needed. */
export const buildScheduleCalendar = ({
  events,
  name,
  siteUrl,
  timezone,
}: {
  name: string
  timezone: string
  siteUrl?: string
  events: ScheduleCalendarEvent[]
}): string => {
  const calendar = ical({
    name,
    prodId: { company: 'payload-soundtrack-reviews', product: 'schedule' },
    url: siteUrl ?? null,
    // A display hint only: a calendar timezone makes ical-generator print UTC instants as unconverted local times.
    x: { 'X-WR-TIMEZONE': timezone },
  })
  for (const event of events) {
    const durationMinutes = event.durationMinutes ?? DEFAULT_DURATION_MINUTES
    calendar.createEvent({
      description: event.description ?? null,
      end: new Date(event.start.getTime() + durationMinutes * MINUTE_MS),
      id: event.uid,
      start: event.start,
      summary: event.summary,
      url: event.url ?? null,
    })
  }
  return calendar.toString()
}
