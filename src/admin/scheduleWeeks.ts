import type { Cadence } from '../schedule/cadence.js'

import { isWeekday } from '../schedule/cadence.js'
import { localDateOf } from '../schedule/format.js'
import { nextSlots } from '../schedule/slots.js'

export type QueuedSlot = {
  slot: string
  review: { id: number | string; title: string; film: { title: string; releaseYear: null | number } | null }
}

export type ScheduleWeek =
  | { kind: 'review'; at: Date; isDue: boolean; review: QueuedSlot['review'] }
  | { kind: 'skipped'; at: Date; reason: string }
  | { kind: 'free'; at: Date }

/** Weeks shown even when the queue is short, so an editor sees where the next review would land. */
const MIN_WEEKS = 6

/**
 * The coming weekly slots of a schedule, each with its queued review, its skip reason or nothing,
 * until the last queued review (and at least six weeks). Due reviews still waiting come first.
 */
export const scheduleWeeks = ({
  cadence,
  now,
  upcoming,
  skipDates,
}: {
  cadence: Partial<Cadence>
  now: Date
  upcoming: QueuedSlot[]
  skipDates: { date?: null | string; reason?: null | string }[]
}): ScheduleWeek[] => {
  const { weekday, time, timezone } = cadence
  if (!isWeekday(weekday) || typeof time !== 'string' || typeof timezone !== 'string') {
    return []
  }
  const reasonOf = new Map(skipDates.flatMap((skip) => (skip.date ? [[skip.date, skip.reason ?? ''] as const] : [])))
  const byInstant = new Map(upcoming.map((entry) => [new Date(entry.slot).getTime(), entry.review]))
  const lastQueued = Math.max(0, ...byInstant.keys())

  const weeks: ScheduleWeek[] = []
  const shown = new Set<number>()
  const slots = nextSlots({
    after: now,
    cadence: { weekday, time, timezone },
    count: MIN_WEEKS + byInstant.size + reasonOf.size,
  })
  for (const at of slots) {
    if (weeks.length >= MIN_WEEKS && at.getTime() > lastQueued) {
      break
    }
    const review = byInstant.get(at.getTime())
    const reason = reasonOf.get(localDateOf(at, timezone))
    if (review) {
      weeks.push({ kind: 'review', at, isDue: false, review })
      shown.add(at.getTime())
    } else if (reason !== undefined) {
      weeks.push({ kind: 'skipped', at, reason })
    } else {
      weeks.push({ kind: 'free', at })
    }
  }
  // Slots that are not on the current cadence (due and not yet published, or left from an older cadence).
  const offCadence = [...byInstant].flatMap(([instant, review]) => {
    const at = new Date(instant)
    return shown.has(instant) ? [] : [{ kind: 'review' as const, at, isDue: at <= now, review }]
  })
  return [...offCadence, ...weeks].sort((a, b) => a.at.getTime() - b.at.getTime())
}
