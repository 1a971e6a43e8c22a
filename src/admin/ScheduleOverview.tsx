'use client'

import type { UIFieldClientComponent } from 'payload'

import type { Weekday } from '../schedule/index.js'
import type { QueuedSlot, ScheduleWeek } from './scheduleWeeks.js'

import { Banner, useConfig, useDocumentEvents, useDocumentInfo, useFormFields, useFormModified } from '@payloadcms/ui'
import { formatAdminURL, reduceFieldsToValues } from 'payload/shared'
import React, { useEffect, useMemo, useState } from 'react'

import { assignSlots, isLocalDate, isValidTimeZone, isWeekday, parseTimeOfDay, WEEKDAYS } from '../schedule/index.js'
import { fetchJSON, useApiURL } from './api.js'
import { scheduleWeeks } from './scheduleWeeks.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

const baseClass = 'schedule-overview'

type ID = number | string

type ScheduleOverviewProps = { reviewsSlug: string }

/** The schedule as the form holds it now: saved or not. */
type FormSchedule = {
  enabled?: boolean | null
  weekday?: null | string
  time?: null | string
  timezone?: null | string
  queue?: (ID | { id: ID } | { value: ID })[] | null
  skipDates?: { date?: null | string; reason?: null | string }[] | null
}

type QueuedReviewDoc = {
  id: ID
  title: string
  publishAt?: null | string
  film?: { title: string; releaseYear?: null | number } | ID | null
}

type Reviews =
  | { status: 'failed'; message: string }
  | { status: 'refused'; statuses: { queued: number; published: number } }
  | { status: 'ready'; byID: Map<string, QueuedReviewDoc>; taken: Date[] }
  | { status: 'loading' }

const idOf = (entry: NonNullable<FormSchedule['queue']>[number]): ID =>
  typeof entry === 'object' ? ('id' in entry ? entry.id : entry.value) : entry

const filmOf = (review: QueuedSlot['review']): string =>
  review.film ? `${review.film.title}${review.film.releaseYear ? ` (${review.film.releaseYear})` : ''}` : ''

/** A Monday, for naming weekdays in the admin's language. */
const MONDAY = Date.UTC(2024, 0, 1, 12)

const weekdayName = (weekday: Weekday, language: string): string =>
  new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    MONDAY + WEEKDAYS.indexOf(weekday) * 86_400_000,
  )

/**
 * The queued reviews' titles, films and saved slots, and the instants published reviews already
 * hold: what the form does not carry but the slot assignment needs.
 */
const useQueuedReviews = ({ ids, reviewsSlug }: { ids: ID[]; reviewsSlug: string }): Reviews => {
  const apiURL = useApiURL()
  const { mostRecentUpdate } = useDocumentEvents()
  const { globalSlug } = useDocumentInfo()
  const savedAt = mostRecentUpdate && mostRecentUpdate.entitySlug === globalSlug ? mostRecentUpdate.updatedAt : null
  const key = ids.map(String).join(',')
  const [reviews, setReviews] = useState<Reviews>({ status: 'loading' })

  useEffect(() => {
    let isCurrent = true
    const queuedQuery = `where[id][in]=${encodeURIComponent(key)}&draft=true&depth=1&pagination=false&select[title]=true&select[film]=true&select[publishAt]=true`
    const publishedQuery = `where[_status][equals]=published&where[publishedAt][greater_than]=${encodeURIComponent(new Date().toISOString())}&depth=0&pagination=false&select[publishedAt]=true`
    const queued = key
      ? fetchJSON<{ docs?: QueuedReviewDoc[] }>(apiURL(`/${reviewsSlug}?${queuedQuery}`))
      : Promise.resolve({ status: 200, body: { docs: [] } })
    const published = fetchJSON<{ docs?: { publishedAt?: null | string }[] }>(
      apiURL(`/${reviewsSlug}?${publishedQuery}`),
    )
    Promise.all([queued, published]).then(
      ([queuedResponse, publishedResponse]) => {
        if (!isCurrent) {
          return
        }
        if (queuedResponse.status !== 200 || publishedResponse.status !== 200) {
          setReviews({
            status: 'refused',
            statuses: { queued: queuedResponse.status, published: publishedResponse.status },
          })
          return
        }
        setReviews({
          status: 'ready',
          byID: new Map((queuedResponse.body.docs ?? []).map((doc) => [String(doc.id), doc])),
          taken: (publishedResponse.body.docs ?? []).flatMap((doc) =>
            doc.publishedAt ? [new Date(doc.publishedAt)] : [],
          ),
        })
      },
      (error: unknown) => isCurrent && setReviews({ status: 'failed', message: String(error) }),
    )
    return () => {
      isCurrent = false
    }
  }, [apiURL, key, reviewsSlug, savedAt])
  return reviews
}

/**
 * The coming weeks as the form stands, saved or not: each queued review in its slot (in the
 * schedule's zone, by the same assignment as saving does), skipped dates and free weeks.
 */
export const ScheduleOverview: UIFieldClientComponent = (props) => {
  const { reviewsSlug } = props as unknown as ScheduleOverviewProps
  const { i18n, t, formatSlot } = useSoundtrackTranslation()
  const {
    config: { routes, serverURL },
  } = useConfig()
  const fields = useFormFields(([formFields]) => formFields)
  const isModified = useFormModified()
  const schedule = useMemo(() => reduceFieldsToValues(fields, true) as FormSchedule, [fields])
  const ids = useMemo(() => (Array.isArray(schedule.queue) ? schedule.queue : []).map(idOf), [schedule.queue])
  const reviews = useQueuedReviews({ ids, reviewsSlug })
  const { enabled, weekday, time, timezone } = schedule

  if (!isWeekday(weekday) || typeof time !== 'string' || !parseTimeOfDay(time) || !isValidTimeZone(timezone ?? '')) {
    return (
      <div className={baseClass}>
        <h3 className={`${baseClass}__title`}>{t('soundtrackReviews:schedule.title')}</h3>
        <p className={`${baseClass}__cadence`}>{t('soundtrackReviews:schedule.incomplete')}</p>
      </div>
    )
  }
  if (reviews.status === 'loading') {
    return <div className={baseClass}>{t('soundtrackReviews:schedule.loading')}</div>
  }
  if (reviews.status === 'failed' || reviews.status === 'refused') {
    return (
      <div className={baseClass}>
        <Banner type="error">
          {reviews.status === 'refused'
            ? t('soundtrackReviews:schedule.readFailed', reviews.statuses)
            : reviews.message}
        </Banner>
      </div>
    )
  }

  const zone = timezone as string
  const cadence = { weekday, time, timezone: zone }
  // An array field with no rows holds its row count (0) in form state, not an empty array.
  const skipDates = (Array.isArray(schedule.skipDates) ? schedule.skipDates : []).filter((skip) =>
    isLocalDate(skip?.date ?? ''),
  )
  const now = new Date()
  const upcoming: QueuedSlot[] = assignSlots({
    cadence,
    keepDue: Boolean(enabled),
    now,
    queue: ids.map((id) => {
      const saved = reviews.byID.get(String(id))?.publishAt
      return { id, publishAt: saved ? new Date(saved) : null }
    }),
    skipDates: skipDates.map((skip) => skip.date as string),
    taken: reviews.taken,
  }).map(({ id, publishAt }) => {
    const doc = reviews.byID.get(String(id))
    const film = doc?.film && typeof doc.film === 'object' ? doc.film : null
    return {
      slot: publishAt.toISOString(),
      review: {
        id,
        title: doc?.title ?? t('soundtrackReviews:schedule.untitledReview', { id }),
        film: film ? { title: film.title, releaseYear: film.releaseYear ?? null } : null,
      },
    }
  })
  const weeks: ScheduleWeek[] = scheduleWeeks({ cadence, now, upcoming, skipDates })
  const reviewURL = (id: ID) =>
    formatAdminURL({ adminRoute: routes.admin, serverURL, path: `/collections/${reviewsSlug}/${id}` })

  return (
    <div className={baseClass}>
      <h3 className={`${baseClass}__title`}>{t('soundtrackReviews:schedule.title')}</h3>
      <p className={`${baseClass}__cadence`}>
        {t('soundtrackReviews:schedule.cadence', { weekday: weekdayName(weekday, i18n.language), time, zone })}{' '}
        {t(enabled ? 'soundtrackReviews:schedule.on' : 'soundtrackReviews:schedule.off')}
      </p>
      {isModified && (
        <p className={`${baseClass}__unsaved`} role="status">
          {t('soundtrackReviews:schedule.unsaved')}
        </p>
      )}
      <ol className={`${baseClass}__weeks`}>
        {weeks.map((week) => (
          <li
            className={`${baseClass}__week ${baseClass}__week--${week.kind}`}
            key={`${week.kind}-${week.at.getTime()}`}
          >
            <span className={`${baseClass}__slot`}>{formatSlot(week.at, zone)}</span>
            {week.kind === 'review' && (
              <span className={`${baseClass}__what`}>
                <a href={reviewURL(week.review.id)}>{week.review.title}</a>
                {week.review.film && <span className={`${baseClass}__film`}> · {filmOf(week.review)}</span>}
                {week.isDue && <span className={`${baseClass}__badge`}>{t('soundtrackReviews:schedule.due')}</span>}
              </span>
            )}
            {week.kind === 'skipped' && (
              <span className={`${baseClass}__what`}>
                <span className={`${baseClass}__badge`}>{t('soundtrackReviews:schedule.skipped')}</span> {week.reason}
              </span>
            )}
            {week.kind === 'free' && (
              <span className={`${baseClass}__what ${baseClass}__what--free`}>
                {t('soundtrackReviews:schedule.free')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
