'use client'

import type { PublicSchedule } from '../endpoints/schedule.js'

import { useEffect, useState } from 'react'

import { isValidTimeZone } from '../schedule/cadence.js'
import { fetchJSON, useApiURL } from './api.js'

/** One request per list render (every cell asks at once), read afresh on the next visit. */
const REUSE_MS = 5_000

let request: { at: number; url: string; schedule: Promise<PublicSchedule> } | undefined

/** The public `GET /api/schedule` (editors can read it; the global itself is for admins). */
const fetchPublicSchedule = (url: string): Promise<PublicSchedule> => {
  if (!request || request.url !== url || Date.now() - request.at > REUSE_MS) {
    request = {
      at: Date.now(),
      url,
      schedule: fetchJSON<PublicSchedule>(url).then(({ body }) => ({
        ...body,
        timezone: typeof body.timezone === 'string' && isValidTimeZone(body.timezone) ? body.timezone : 'UTC',
        upcoming: Array.isArray(body.upcoming) ? body.upcoming : [],
      })),
    }
  }
  return request.schedule
}

/** The publication schedule as the public API states it (null until read, and while `isNeeded` is false). */
export const usePublicSchedule = (isNeeded: boolean): null | PublicSchedule => {
  const apiURL = useApiURL()
  const [schedule, setSchedule] = useState<null | PublicSchedule>(null)
  useEffect(() => {
    if (!isNeeded) {
      return
    }
    let isCurrent = true
    void fetchPublicSchedule(apiURL('/schedule')).then((next) => isCurrent && setSchedule(next))
    return () => {
      isCurrent = false
    }
  }, [apiURL, isNeeded])
  return schedule
}
