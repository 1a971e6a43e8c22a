'use client'

import type { DateFieldClient, DefaultCellComponentProps } from 'payload'

import React from 'react'

import { usePublicSchedule } from './publicSchedule.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

/**
 * A review's slot in a list, in the schedule's zone ("Fri 27 Nov 2026, 09:00 GMT") and the admin's
 * language: the slot it was published in, or for a draft the one the queue gives it now (a stored
 * slot can have passed while the schedule was off), as the edit view's description says.
 */
export const ScheduleSlotCell = ({ cellData, rowData }: DefaultCellComponentProps<DateFieldClient>) => {
  const isDraft = rowData?._status === 'draft'
  const hasSlot = cellData !== null && cellData !== undefined && cellData !== ''
  const schedule = usePublicSchedule(hasSlot || isDraft)
  const { formatSlot } = useSoundtrackTranslation()
  if (schedule === null) {
    return null
  }
  const queued = schedule.upcoming.find((entry) => String(entry.review.id) === String(rowData?.id))
  const slot = queued?.slot ?? (hasSlot && !isDraft ? String(cellData) : undefined)
  return slot ? <span className="schedule-slot-cell">{formatSlot(slot, schedule.timezone)}</span> : null
}
