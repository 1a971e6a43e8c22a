'use client'

import type { DateFieldClient, DefaultCellComponentProps } from 'payload'

import React from 'react'

import { formatSlotLabel } from '../schedule/format.js'
import { usePublicSchedule } from './publicSchedule.js'

/** A review's `publishAt` in a list, in the schedule's zone ("Fri 27 Nov 2026, 09:00 GMT"), not the browser's. */
export const ScheduleSlotCell = ({ cellData }: DefaultCellComponentProps<DateFieldClient>) => {
  const hasSlot = cellData !== null && cellData !== undefined && cellData !== ''
  const schedule = usePublicSchedule(hasSlot)
  if (!hasSlot || schedule === null) {
    return null
  }
  return <span className="schedule-slot-cell">{formatSlotLabel(new Date(cellData), schedule.timezone)}</span>
}
