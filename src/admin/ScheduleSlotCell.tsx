'use client'

import type { DateFieldClient, DefaultCellComponentProps } from 'payload'

import React from 'react'

import { usePublicSchedule } from './publicSchedule.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

/** A review's `publishAt` in a list, in the schedule's zone ("Fri 27 Nov 2026, 09:00 GMT") and the admin's language. */
export const ScheduleSlotCell = ({ cellData }: DefaultCellComponentProps<DateFieldClient>) => {
  const hasSlot = cellData !== null && cellData !== undefined && cellData !== ''
  const schedule = usePublicSchedule(hasSlot)
  const { formatSlot } = useSoundtrackTranslation()
  if (!hasSlot || schedule === null) {
    return null
  }
  return <span className="schedule-slot-cell">{formatSlot(cellData, schedule.timezone)}</span>
}
