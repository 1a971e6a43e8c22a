'use client'

import type { FieldDescriptionClientComponent } from 'payload'

import { FieldDescription, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { formatSlotLabel } from '../schedule/format.js'
import { useScheduleZone } from './scheduleZone.js'

/**
 * Under a review's `publishAt` in the edit view: the slot as the schedule states it ("Fri 27 Nov
 * 2026, 09:00 GMT"), since the date field itself shows the browser's zone.
 */
export const ScheduleSlotDescription: FieldDescriptionClientComponent = ({ path }) => {
  const value = useFormFields(([fields]) => fields[path]?.value)
  const hasSlot = typeof value === 'string' && value !== ''
  const zone = useScheduleZone(hasSlot)
  const { hasPublishedDoc } = useDocumentInfo()
  const description = !hasSlot
    ? hasPublishedDoc
      ? 'Published: the review holds no weekly slot.'
      : 'Not queued: an admin adds the review to the publication schedule, which gives it the next free weekly slot.'
    : zone === null
      ? 'The weekly slot this review is queued for.'
      : `Queued for ${formatSlotLabel(new Date(value), zone)}, the schedule's time; the job publishes it then.`
  return <FieldDescription className="schedule-slot-description" description={description} path={path} />
}
