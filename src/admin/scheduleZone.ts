'use client'

import { useEffect, useState } from 'react'

import { isValidTimeZone } from '../schedule/cadence.js'
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

/** The schedule's zone once read (null until then, and while `isNeeded` is false). */
export const useScheduleZone = (isNeeded: boolean): null | string => {
  const apiURL = useApiURL()
  const [zone, setZone] = useState<null | string>(null)
  useEffect(() => {
    if (!isNeeded) {
      return
    }
    let isCurrent = true
    void readScheduleZone(apiURL('/schedule')).then((next) => isCurrent && setZone(next))
    return () => {
      isCurrent = false
    }
  }, [apiURL, isNeeded])
  return zone
}
