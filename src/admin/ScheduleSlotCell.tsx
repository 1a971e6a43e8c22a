'use client'

import type { DateFieldClient, DefaultCellComponentProps } from 'payload'

import React, { useEffect, useState } from 'react'

import { isValidTimeZone } from '../schedule/cadence.js'
import { formatSlotLabel } from '../schedule/format.js'
import { fetchJSON, useApiURL } from './api.js'

/** One request per list render (every cell asks at once), read afresh on the next visit. */
const ZONE_REUSE_MS = 5_000

let zoneRequest: { at: number; url: string; zone: Promise<string> } | undefined

/** The publication schedule's time zone, from the public `GET /api/schedule` that editors can read too. */
const readScheduleZone = (url: string): Promise<string> => {
  if (!zoneRequest || zoneRequest.url !== url || Date.now() - zoneRequest.at > ZONE_REUSE_MS) {
    zoneRequest = {
      at: Date.now(),
      url,
      zone: fetchJSON<{ timezone?: string }>(url).then(({ body }) =>
        typeof body.timezone === 'string' && isValidTimeZone(body.timezone) ? body.timezone : 'UTC',
      ),
    }
  }
  return zoneRequest.zone
}

/** A review's `publishAt` in a list, in the schedule's zone ("Fri 27 Nov 2026, 09:00 GMT"), not the browser's. */
export const ScheduleSlotCell = ({ cellData }: DefaultCellComponentProps<DateFieldClient>) => {
  const apiURL = useApiURL()
  const [zone, setZone] = useState<null | string>(null)
  const hasSlot = cellData !== null && cellData !== undefined && cellData !== ''
  useEffect(() => {
    if (!hasSlot) {
      return
    }
    let isCurrent = true
    void readScheduleZone(apiURL('/schedule')).then((next) => isCurrent && setZone(next))
    return () => {
      isCurrent = false
    }
  }, [apiURL, hasSlot])
  if (!hasSlot || zone === null) {
    return null
  }
  return <span className="schedule-slot-cell">{formatSlotLabel(new Date(cellData), zone)}</span>
}
