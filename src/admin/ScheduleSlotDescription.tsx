'use client'

import type { FieldDescriptionClientComponent } from 'payload'

import type { PublicSchedule } from '../endpoints/schedule.js'
import type { SoundtrackTranslation } from './useSoundtrackTranslation.js'

import { FieldDescription, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { usePublicSchedule } from './publicSchedule.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

type SlotState = { id?: number | string; hasPublishedDoc: boolean; slot: unknown; schedule: null | PublicSchedule }

/** What the slot means for this review, in the schedule's own time zone. */
const describe = (
  { id, hasPublishedDoc, slot, schedule }: SlotState,
  { t, formatSlot }: Pick<SoundtrackTranslation, 'formatSlot' | 't'>,
): string => {
  const hasSlot = typeof slot === 'string' && slot !== ''
  if (hasPublishedDoc) {
    if (!hasSlot) {
      return t('soundtrackReviews:slot.publishedWithout')
    }
    return schedule
      ? t('soundtrackReviews:slot.publishedIn', { slot: formatSlot(slot, schedule.timezone) })
      : t('soundtrackReviews:slot.publishedSomewhere')
  }
  if (id !== undefined && schedule === null) {
    return t('soundtrackReviews:slot.loading')
  }
  // The queue decides, not a slot left over from before (a review unpublished after its slot keeps it).
  const queued = schedule?.upcoming.find((entry) => String(entry.review.id) === String(id))
  if (!schedule || !queued) {
    return t('soundtrackReviews:slot.notQueued')
  }
  return t(schedule.enabled ? 'soundtrackReviews:slot.queued' : 'soundtrackReviews:slot.queuedWhileOff', {
    slot: formatSlot(queued.slot, schedule.timezone),
  })
}

/**
 * Under a review's `publishAt` in the edit view: whether the review is queued and for when, as the
 * schedule states it ("Fri 27 Nov 2026, 09:00 GMT"); the date field itself shows the browser's zone.
 */
export const ScheduleSlotDescription: FieldDescriptionClientComponent = ({ path }) => {
  const slot = useFormFields(([fields]) => fields[path]?.value)
  const { id, hasPublishedDoc } = useDocumentInfo()
  const schedule = usePublicSchedule(id !== undefined)
  const translation = useSoundtrackTranslation()
  return (
    <FieldDescription
      className="schedule-slot-description"
      description={describe({ id, hasPublishedDoc, slot, schedule }, translation)}
      path={path}
    />
  )
}
