import type { GlobalConfig, PayloadRequest } from 'payload'

import { isValidID } from 'payload'

import type { ResolvedOptions } from '../src/types.js'
import { isAdmin } from '../src/access/isAdmin.js'
import { assignScheduleSlots } from '../src/hooks/assignScheduleSlots.js'
import { queueIDs } from '../src/schedule/queue.js'
import { lockScheduleBeforeSaving } from '../src/hooks/lockBeforeWriting.js'
import { pruneQueue } from '../src/hooks/pruneQueue.js'
import { invalidateAfterGlobalChange } from '../src/cache/contentVersion.js'
import { refuseStaleSchedule } from '../src/hooks/refuseStaleSchedule.js'
import { isLocalDate, isValidTimeZone, parseTimeOfDay, WEEKDAYS } from '../src/schedule/index.js'
import { componentPath } from '../fields/componentPath.js'
import { showLastRun } from '../src/jobs/lastRun.js'

/** The job's run state: read from the kv store (see lastRun.ts), never stored in or written through the global. */
const runState = {
  virtual: true,
  access: { create: () => false, update: () => false },
} as const

export const PublicationSchedule = (options: ResolvedOptions): GlobalConfig => ({
  slug: options.slugs.schedule,
  label: 'Publication schedule',
  admin: {
    group: 'Soundtracks',
    description: 'One review a week: the n-th queued review goes out in the n-th free slot.',
  },
  access: { read: isAdmin, update: isAdmin, readVersions: isAdmin },
  hooks: {
    beforeOperation: [lockScheduleBeforeSaving, refuseStaleSchedule],
    beforeChange: [pruneQueue],
    afterChange: [assignScheduleSlots, invalidateAfterGlobalChange],
  },
  fields: [
    {
      name: 'lastError',
      type: 'textarea',
      ...runState,
      hooks: { afterRead: [showLastRun('lastError')] },
      admin: {
        readOnly: true,
        description: 'The last publishing problem. It clears on the next clean run.',
        components: { Field: componentPath('LastRunError') },
      },
    },
    {
      name: 'comingWeeks',
      type: 'ui',
      admin: {
        components: {
          Field: { path: componentPath('ScheduleOverview'), clientProps: { reviewsSlug: options.slugs.reviews } },
        },
      },
    },
    {
      name: 'enabled',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'When off, nothing is published automatically; slots are still shown.' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'weekday',
          type: 'select',
          required: true,
          defaultValue: 'friday',
          options: WEEKDAYS.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
        },
        {
          name: 'time',
          type: 'text',
          required: true,
          defaultValue: '09:00',
          admin: { placeholder: '09:00', description: '24-hour local time, HH:mm.' },
          validate: (value: null | string | undefined) =>
            typeof value === 'string' && parseTimeOfDay(value)
              ? true
              : `Time must be a 24-hour HH:mm between 00:00 and 23:59, got “${value ?? ''}”.`,
        },
        {
          name: 'timezone',
          type: 'text',
          required: true,
          defaultValue: 'Europe/London',
          admin: { placeholder: 'Europe/London', description: 'IANA time zone, e.g. America/New_York.' },
          validate: (value: null | string | undefined) =>
            typeof value === 'string' && isValidTimeZone(value)
              ? true
              : `Time zone “${value ?? ''}” is not an IANA zone this server knows (e.g. Europe/London, America/New_York).`,
        },
      ],
    },
    {
      name: 'queue',
      type: 'relationship',
      relationTo: options.slugs.reviews,
      hasMany: true,
      // Offers drafts only in the admin; `validate` below enforces it for every write.
      filterOptions: { _status: { not_equals: 'published' } },
      admin: { description: 'Drag to reorder: order is publication order. Published reviews leave the queue.' },
      validate: async (value: unknown, { req }: { req: PayloadRequest }) => {
        const ids = queueIDs(Array.isArray(value) ? value : [])
        const keys = ids.map(String)
        const repeated = keys.find((id, index) => keys.indexOf(id) !== index)
        if (repeated !== undefined) {
          return `Review ${repeated} is queued twice; a review can be queued once.`
        }
        if (ids.length === 0) {
          return true
        }
        const idType = req.payload.collections[options.slugs.reviews]?.customIDType ?? req.payload.db.defaultIDType
        const malformed = keys.filter((_key, index) => !isValidID(ids[index], idType))
        if (malformed.length > 0) {
          return `The queue holds review ids; ${malformed.map((key) => `“${key}”`).join(', ')} cannot be one.`
        }
        const { docs } = await req.payload.find({
          collection: options.slugs.reviews,
          where: { id: { in: ids } },
          select: { title: true, _status: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        })
        const missing = keys.filter((key) => !docs.some((doc) => String(doc.id) === key))
        if (missing.length > 0) {
          return `No review has the id ${missing.join(', ')}: the queue holds existing reviews only.`
        }
        const published = docs.filter((doc) => doc._status === 'published')
        return published.length === 0
          ? true
          : `Published reviews cannot be queued: ${published.map((doc) => `“${doc.title}” (${doc.id})`).join(', ')}.`
      },
    },
    {
      name: 'skipDates',
      type: 'array',
      labels: { singular: 'Skipped date', plural: 'Skipped dates' },
      admin: { description: 'Local dates with no review (holidays); the queue moves past them.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'date',
              type: 'text',
              required: true,
              admin: { placeholder: '2026-12-25' },
              validate: (value: null | string | undefined) =>
                typeof value === 'string' && isLocalDate(value)
                  ? true
                  : `Skipped date must be a real date written YYYY-MM-DD, got “${value ?? ''}”.`,
            },
            { name: 'reason', type: 'text' },
          ],
        },
      ],
    },
    {
      name: 'lastRunAt',
      type: 'date',
      ...runState,
      hooks: { afterRead: [showLastRun('lastRunAt')] },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
})
