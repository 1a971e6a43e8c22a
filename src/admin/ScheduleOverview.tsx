'use client'

import type { UIFieldClientComponent } from 'payload'

import { Banner, useConfig, useDocumentEvents } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React, { useEffect, useState } from 'react'

import type { Cadence } from '../schedule/cadence.js'
import type { QueuedSlot, ScheduleWeek } from './scheduleWeeks.js'
import { formatSlotLabel } from '../schedule/format.js'
import { fetchJSON, useApiURL } from './api.js'
import { scheduleWeeks } from './scheduleWeeks.js'

const baseClass = 'schedule-overview'
const SCHEDULE = 'publication-schedule'

type SavedSchedule = Partial<Cadence> & {
  enabled?: boolean | null
  lastError?: null | string
  lastRunAt?: null | string
  skipDates?: { date?: null | string; reason?: null | string }[] | null
}

type State =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; schedule: SavedSchedule; weeks: ScheduleWeek[] }

const filmOf = (review: QueuedSlot['review']): string =>
  review.film ? `${review.film.title}${review.film.releaseYear ? ` (${review.film.releaseYear})` : ''}` : ''

/** The saved schedule and its upcoming slots, as the overview shows them. */
const readOverview = async (apiURL: (path: `/${string}`) => string): Promise<State> => {
  const [saved, plan] = await Promise.all([
    fetchJSON<SavedSchedule>(apiURL(`/globals/${SCHEDULE}?depth=0`)),
    fetchJSON<{ upcoming?: QueuedSlot[] }>(apiURL('/schedule')),
  ])
  if (saved.status !== 200 || plan.status !== 200) {
    return { status: 'failed', message: `The schedule could not be read (HTTP ${saved.status}, ${plan.status}).` }
  }
  const schedule = saved.body
  return {
    status: 'ready',
    schedule,
    weeks: scheduleWeeks({
      cadence: schedule,
      now: new Date(),
      upcoming: plan.body.upcoming ?? [],
      skipDates: schedule.skipDates ?? [],
    }),
  }
}

/**
 * The coming weeks of the saved schedule: each queued review in its slot (in the schedule's zone),
 * skipped dates, free weeks, and the last publishing error on top. Reloads after every save.
 */
export const ScheduleOverview: UIFieldClientComponent = () => {
  const apiURL = useApiURL()
  const {
    config: { routes, serverURL },
  } = useConfig()
  const { mostRecentUpdate } = useDocumentEvents()
  const [state, setState] = useState<State>({ status: 'loading' })

  const savedAt = mostRecentUpdate?.entitySlug === SCHEDULE ? mostRecentUpdate.updatedAt : null
  useEffect(() => {
    let isCurrent = true
    readOverview(apiURL).then(
      (next) => isCurrent && setState(next),
      (error: unknown) => isCurrent && setState({ status: 'failed', message: String(error) }),
    )
    return () => {
      isCurrent = false
    }
  }, [apiURL, savedAt])

  if (state.status === 'loading') {
    return <div className={baseClass}>Loading the coming weeks…</div>
  }
  if (state.status === 'failed') {
    return (
      <div className={baseClass}>
        <Banner type="error">{state.message}</Banner>
      </div>
    )
  }
  const { schedule, weeks } = state
  const zone = schedule.timezone ?? 'UTC'
  const reviewURL = (id: number | string) =>
    formatAdminURL({ adminRoute: routes.admin, serverURL, path: `/collections/reviews/${id}` })

  return (
    <div className={baseClass}>
      {schedule.lastError && (
        <Banner className={`${baseClass}__error`} type="error">
          <strong>The last publishing run failed</strong>
          {schedule.lastRunAt ? ` (${formatSlotLabel(new Date(schedule.lastRunAt), zone)})` : ''}: {schedule.lastError}
        </Banner>
      )}
      <h3 className={`${baseClass}__title`}>Coming weeks</h3>
      <p className={`${baseClass}__cadence`}>
        Every {schedule.weekday ? schedule.weekday[0].toUpperCase() + schedule.weekday.slice(1) : '—'} at{' '}
        {schedule.time ?? '—'} ({zone}).{' '}
        {schedule.enabled ? 'Publishing is on.' : 'Publishing is off: these are the slots the queue would get.'}
      </p>
      <ol className={`${baseClass}__weeks`}>
        {weeks.map((week) => (
          <li
            className={`${baseClass}__week ${baseClass}__week--${week.kind}`}
            key={`${week.kind}-${week.at.getTime()}`}
          >
            <span className={`${baseClass}__slot`}>{week.label}</span>
            {week.kind === 'review' && (
              <span className={`${baseClass}__what`}>
                <a href={reviewURL(week.review.id)}>{week.review.title}</a>
                {week.review.film && <span className={`${baseClass}__film`}> · {filmOf(week.review)}</span>}
                {week.isDue && <span className={`${baseClass}__badge`}>due, waiting for the job</span>}
              </span>
            )}
            {week.kind === 'skipped' && (
              <span className={`${baseClass}__what`}>
                <span className={`${baseClass}__badge`}>skipped</span> {week.reason}
              </span>
            )}
            {week.kind === 'free' && (
              <span className={`${baseClass}__what ${baseClass}__what--free`}>no review queued</span>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
