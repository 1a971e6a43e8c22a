import type { CollectionConfig, FieldHook } from 'payload'

import { componentPath } from '../fields/componentPath.js'
import { isAdmin } from '../src/access/isAdmin.js'
import { hasRole } from '../src/access/roles.js'
import { CHANGE_EVENTS } from '../src/changes/types.js'
import { byLanguage, translated } from '../src/translations/index.js'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from '../src/webhooks/slugs.js'

const nobody = () => false

/** The list's attempts column: the length of `attempts`, kept with it. */
const countAttempts: FieldHook = ({ siblingData, value }) =>
  Array.isArray(siblingData.attempts) ? siblingData.attempts.length : (value ?? 0)

/**
 * `webhook-deliveries` (admins read; only the plugin writes): one event for one endpoint, with every
 * attempt made to deliver it. The same `webhookId` is sent on each retry, so receivers can drop repeats.
 */
export const WebhookDeliveries = (): CollectionConfig => ({
  slug: WEBHOOK_DELIVERIES_SLUG,
  labels: {
    singular: translated('soundtrackReviews:webhooks.deliveries.singular'),
    plural: translated('soundtrackReviews:webhooks.deliveries.plural'),
  },
  admin: {
    useAsTitle: 'webhookId',
    defaultColumns: ['event', 'endpoint', 'status', 'attemptCount', 'nextAttemptAt', 'createdAt'],
    group: byLanguage('webhooks.group'),
    description: translated('soundtrackReviews:webhooks.deliveries.description'),
    hidden: ({ user }) => !hasRole(user, 'admin'),
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  // The sweep's query: pending deliveries by when they are due.
  indexes: [{ fields: ['status', 'nextAttemptAt'] }],
  fields: [
    {
      name: 'endpoint',
      type: 'relationship',
      relationTo: WEBHOOK_ENDPOINTS_SLUG,
      required: true,
      index: true,
      label: translated('soundtrackReviews:webhooks.field.endpoint'),
      admin: { readOnly: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'event',
          type: 'select',
          required: true,
          options: CHANGE_EVENTS.map((value) => ({ label: value, value })),
          label: translated('soundtrackReviews:webhooks.field.event'),
          admin: { readOnly: true },
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'pending',
          options: (['pending', 'delivered', 'failed'] as const).map((value) => ({
            label: translated(`soundtrackReviews:webhooks.status.${value}`),
            value,
          })),
          label: translated('soundtrackReviews:webhooks.field.status'),
          admin: { readOnly: true },
        },
      ],
    },
    {
      name: 'webhookId',
      type: 'text',
      required: true,
      // Also what lets only one instance write a `schedule.missed` delivery (see missedSlots.ts).
      unique: true,
      label: translated('soundtrackReviews:webhooks.field.webhookId'),
      admin: { readOnly: true, description: translated('soundtrackReviews:webhooks.description.webhookId') },
    },
    {
      name: 'payload',
      type: 'json',
      required: true,
      label: translated('soundtrackReviews:webhooks.field.payload'),
      admin: { readOnly: true, description: translated('soundtrackReviews:webhooks.description.payload') },
    },
    {
      name: 'attempts',
      type: 'array',
      label: translated('soundtrackReviews:webhooks.field.attempts'),
      labels: {
        singular: translated('soundtrackReviews:webhooks.attempt.singular'),
        plural: translated('soundtrackReviews:webhooks.field.attempts'),
      },
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'at',
              type: 'date',
              required: true,
              label: translated('soundtrackReviews:webhooks.field.at'),
              admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm:ss' } },
            },
            { name: 'statusCode', type: 'number', label: translated('soundtrackReviews:webhooks.field.statusCode') },
            { name: 'durationMs', type: 'number', label: translated('soundtrackReviews:webhooks.field.durationMs') },
          ],
        },
        { name: 'error', type: 'textarea', label: translated('soundtrackReviews:webhooks.field.error') },
      ],
    },
    {
      name: 'actions',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: componentPath('WebhookDeliveryActions') } },
    },
    {
      name: 'attemptCount',
      type: 'number',
      defaultValue: 0,
      label: translated('soundtrackReviews:webhooks.field.attemptCount'),
      hooks: { beforeChange: [countAttempts] },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: translated('soundtrackReviews:webhooks.field.nextAttemptAt'),
      admin: {
        readOnly: true,
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm:ss' },
        description: translated('soundtrackReviews:webhooks.description.nextAttemptAt'),
      },
    },
    // Held by the instance sending an attempt (claimDelivery), so no other sends it at the same time.
    { name: 'claimedUntil', type: 'date', hidden: true },
  ],
})
