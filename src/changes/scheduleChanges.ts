import type { GlobalAfterChangeHook } from 'payload'

import { DEQUEUING, SCHEDULING } from '../context.js'
import { queueIDs } from '../schedule/queue.js'
import { recordChanges } from './feed.js'
import { apiURL } from './reviewChange.js'
import { TAGS } from './tags.js'

/**
 * The publication schedule: `/api/schedule` and the iCalendar change with every write. An admin's
 * save is `schedule.changed`; the queue shrinking as the job publishes is told by `review.published`.
 */
export const recordScheduleChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  const isAdminSave = !req.context[DEQUEUING] && !req.context[SCHEDULING]
  const { enabled, weekday, time, timezone } = doc as Record<string, unknown>
  await recordChanges(req, [
    {
      ...(isAdminSave ? { event: 'schedule.changed' as const } : {}),
      tags: [TAGS.schedule],
      urls: [apiURL(req.payload, '/schedule'), apiURL(req.payload, '/schedule.ics')],
      data: {
        enabled,
        weekday,
        time,
        timezone,
        queue: queueIDs((doc as { queue?: Parameters<typeof queueIDs>[0] }).queue),
      },
    },
  ])
  return doc
}
