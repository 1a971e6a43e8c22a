'use client'

import type { FieldDescriptionClientComponent } from 'payload'

import { FieldDescription, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React from 'react'

import type { PublicSchedule } from '../endpoints/schedule.js'
import { formatSlotLabel } from '../schedule/format.js'
import { usePublicSchedule } from './publicSchedule.js'

type SlotState = { id?: number | string; hasPublishedDoc: boolean; slot: unknown; schedule: null | PublicSchedule }

/** What the slot means for this review, in the schedule's own time zone. */
const describe = ({ id, hasPublishedDoc, slot, schedule }: SlotState): string => {
  const hasSlot = typeof slot === 'string' && slot !== ''
  if (hasPublishedDoc) {
    if (!hasSlot) {
      return 'Published: the review holds no weekly slot.'
    }
    return schedule
      ? `Published; it was given the weekly slot ${formatSlotLabel(new Date(slot), schedule.timezone)}.`
      : 'Published in a weekly slot.'
  }
  if (id !== undefined && schedule === null) {
    return 'The weekly slot this review is queued for.'
  }
  // The queue decides, not a slot left over from before (a review unpublished after its slot keeps it).
  const queued = schedule?.upcoming.find((entry) => String(entry.review.id) === String(id))
  if (!schedule || !queued) {
    return 'Not queued: an admin adds the review to the publication schedule, which gives it the next free weekly slot.'
  }
  return schedule.enabled
    ? `Queued for ${queued.label}, the schedule's time; the job publishes it then.`
    : `Queued for ${queued.label}, the schedule's time. Publishing is switched off: the job publishes nothing until an admin turns the schedule on.`
}

/**
 * Under a review's `publishAt` in the edit view: whether the review is queued and for when, as the
 * schedule states it ("Fri 27 Nov 2026, 09:00 GMT"); the date field itself shows the browser's zone.
 */
export const ScheduleSlotDescription: FieldDescriptionClientComponent = ({ path }) => {
  const slot = useFormFields(([fields]) => fields[path]?.value)
  const { id, hasPublishedDoc } = useDocumentInfo()
  const schedule = usePublicSchedule(id !== undefined)
  return (
    <FieldDescription
      className="schedule-slot-description"
      description={describe({ id, hasPublishedDoc, slot, schedule })}
      path={path}
    />
  )
}
