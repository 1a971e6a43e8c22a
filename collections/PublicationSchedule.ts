import type { GlobalConfig, PayloadRequest } from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { isValidID } from 'payload'

import { componentPath } from '../fields/componentPath.js'
import { isAdmin } from '../src/access/isAdmin.js'
import { recordScheduleChange } from '../src/changes/scheduleChanges.js'
import { assignScheduleSlots } from '../src/hooks/assignScheduleSlots.js'
import { lockScheduleBeforeSaving } from '../src/hooks/lockBeforeWriting.js'
import { pruneQueue } from '../src/hooks/pruneQueue.js'
import { refuseMalformedGlobalInput } from '../src/hooks/refuseMalformedInput.js'
import { refuseStaleSchedule } from '../src/hooks/refuseStaleSchedule.js'
import { showLastRun } from '../src/jobs/lastRun.js'
import { isLocalDate, isValidTimeZone, parseTimeOfDay, WEEKDAYS } from '../src/schedule/index.js'
import { queueIDs } from '../src/schedule/queue.js'
import { byLanguage, soundtrackT, translated } from '../src/translations/index.js'

/** The job's run state: read from the kv store (see lastRun.ts), never stored in or written through the global. */
const runState = {
  virtual: true,
  access: { create: () => false, update: () => false },
} as const

export const PublicationSchedule = (options: ResolvedOptions): GlobalConfig => ({
  slug: options.slugs.schedule,
  label: translated('soundtrackReviews:publicationSchedule.label'),
  admin: {
    group: byLanguage('group'),
    // Payload 3.90 does not call a global's description function for the client (it does a collection's).
    description: byLanguage('publicationSchedule.description'),
  },
  access: { read: isAdmin, update: isAdmin, readVersions: isAdmin },
  hooks: {
    beforeOperation: [refuseMalformedGlobalInput, lockScheduleBeforeSaving, refuseStaleSchedule],
    beforeChange: [pruneQueue],
    afterChange: [assignScheduleSlots, recordScheduleChange],
  },
  fields: [
    {
      name: 'lastError',
      type: 'textarea',
      ...runState,
      label: translated('soundtrackReviews:field.lastError'),
      hooks: { afterRead: [showLastRun('lastError')] },
      admin: {
        readOnly: true,
        description: translated('soundtrackReviews:description.lastError'),
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
      label: translated('soundtrackReviews:field.enabled'),
      admin: { description: translated('soundtrackReviews:description.enabled') },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'weekday',
          type: 'select',
          required: true,
          defaultValue: 'friday',
          label: translated('soundtrackReviews:field.weekday'),
          options: WEEKDAYS.map((value) => ({ label: translated(`soundtrackReviews:weekday.${value}`), value })),
        },
        {
          name: 'time',
          type: 'text',
          required: true,
          defaultValue: '09:00',
          label: translated('soundtrackReviews:field.time'),
          admin: { placeholder: '09:00', description: translated('soundtrackReviews:description.time') },
          validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
            typeof value === 'string' && parseTimeOfDay(value)
              ? true
              : soundtrackT(req.t)('soundtrackReviews:validation.time', { value: value ?? '' }),
        },
        {
          name: 'timezone',
          type: 'text',
          required: true,
          defaultValue: 'Europe/London',
          label: translated('soundtrackReviews:field.timezone'),
          admin: { placeholder: 'Europe/London', description: translated('soundtrackReviews:description.timezone') },
          validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
            typeof value === 'string' && isValidTimeZone(value)
              ? true
              : soundtrackT(req.t)('soundtrackReviews:validation.timezone', { value: value ?? '' }),
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
      label: translated('soundtrackReviews:field.queue'),
      admin: { description: translated('soundtrackReviews:description.queue') },
      validate: async (value: unknown, { req }: { req: PayloadRequest }) => {
        const t = soundtrackT(req.t)
        const ids = queueIDs(Array.isArray(value) ? value : [])
        const keys = ids.map(String)
        const repeated = keys.find((id, index) => keys.indexOf(id) !== index)
        if (repeated !== undefined) {
          return t('soundtrackReviews:validation.queuedTwice', { id: repeated })
        }
        if (ids.length === 0) {
          return true
        }
        const idType = req.payload.collections[options.slugs.reviews]?.customIDType ?? req.payload.db.defaultIDType
        const malformed = keys.filter((_key, index) => !isValidID(ids[index], idType))
        if (malformed.length > 0) {
          const quoted = malformed.map((text) => t('soundtrackReviews:quoted', { text })).join(', ')
          return t('soundtrackReviews:validation.queueMalformedIDs', { ids: quoted })
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
          return t('soundtrackReviews:validation.queueMissingIDs', { ids: missing.join(', ') })
        }
        const published = docs.filter((doc) => doc._status === 'published')
        return published.length === 0
          ? true
          : t('soundtrackReviews:validation.queuePublished', {
              reviews: published
                .map((doc) => `${t('soundtrackReviews:quoted', { text: String(doc.title) })} (${doc.id})`)
                .join(', '),
            })
      },
    },
    {
      name: 'skipDates',
      type: 'array',
      label: translated('soundtrackReviews:field.skipDates'),
      labels: {
        singular: translated('soundtrackReviews:skipDates.singular'),
        plural: translated('soundtrackReviews:field.skipDates'),
      },
      admin: { description: translated('soundtrackReviews:description.skipDates') },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'date',
              type: 'text',
              required: true,
              label: translated('soundtrackReviews:field.date'),
              admin: { placeholder: '2026-12-25' },
              validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
                typeof value === 'string' && isLocalDate(value)
                  ? true
                  : soundtrackT(req.t)('soundtrackReviews:validation.skipDate', { value: value ?? '' }),
            },
            { name: 'reason', type: 'text', label: translated('soundtrackReviews:field.reason') },
          ],
        },
      ],
    },
    {
      name: 'lastRunAt',
      type: 'date',
      ...runState,
      label: translated('soundtrackReviews:field.lastRunAt'),
      hooks: { afterRead: [showLastRun('lastRunAt')] },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
})
