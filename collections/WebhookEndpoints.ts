import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionConfig,
  FieldAccess,
  PayloadRequest,
} from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { componentPath } from '../fields/componentPath.js'
import { isAdmin, isAdminField } from '../src/access/isAdmin.js'
import { hasRole } from '../src/access/roles.js'
import { afterCommit } from '../src/cache/afterCommit.js'
import { CHANGE_EVENTS } from '../src/changes/types.js'
import { byLanguage, soundtrackT, translated } from '../src/translations/index.js'
import { deliverSoon } from '../src/webhooks/deliveries.js'
import { checkWebhookUrl, describeUnsafeWebhookUrl } from '../src/webhooks/safeUrl.js'
import { webhookSettingsCustom, webhookSettingsOf } from '../src/webhooks/settings.js'
import { generateWebhookSecret } from '../src/webhooks/signature.js'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from '../src/webhooks/slugs.js'

/** Written by the plugin only (overrideAccess): the API and the admin form cannot set these. */
const pluginWrites: { create: FieldAccess; update: FieldAccess } = { create: () => false, update: () => false }

/** Secrets: even in this admins-only collection, the field says so itself. */
const adminReadsPluginWrites = { read: isAdminField, ...pluginWrites }

/**
 * A URL a webhook may be sent to: http(s), no credentials, no private, loopback, link-local or
 * metadata address (unless `allowPrivateNetworks`), checked again through DNS when saved. The form's
 * checks while typing skip DNS. An unchanged URL passed when it was saved: the plugin's own writes
 * (disabling, rotating) must not fail on it, and every attempt checks it again before connecting.
 */
const validateWebhookUrl = async (
  value: null | string | undefined,
  {
    req,
    event,
    operation,
    previousValue,
  }: { req: PayloadRequest; event?: string; operation?: string; previousValue?: unknown },
): Promise<string | true> => {
  if (operation === 'update' && value === previousValue) {
    return true
  }
  const { allowPrivateNetworks } = webhookSettingsOf(req.payload)
  const unsafe =
    describeUnsafeWebhookUrl(value, { allowPrivateNetworks }) ??
    (event === 'onChange' ? undefined : await checkWebhookUrl(value, { allowPrivateNetworks }))
  if (!unsafe) {
    return true
  }
  const host = typeof value === 'string' && URL.canParse(value) ? new URL(value).hostname : String(value ?? '')
  return soundtrackT(req.t)(`soundtrackReviews:webhooks.url.${unsafe.code}`, { host })
}

/** A new endpoint gets its signing secret here; what a request sent for it was already dropped (field access). */
const generateSecret: CollectionBeforeChangeHook = ({ data, operation }) =>
  operation === 'create' ? { ...data, secret: generateWebhookSecret(), consecutiveFailures: 0 } : data

/** Re-enabled (by an admin, after a 410 or a run of failures): the count starts again. */
const resetOnReenable: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) =>
  operation === 'update' && originalDoc?.enabled === false && data.enabled === true
    ? { ...data, consecutiveFailures: 0, disabledReason: null }
    : data

/** Re-enabled: what waited while it was off is due now, and goes out once the save commits. */
const deliverPendingOnReenable: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || previousDoc?.enabled !== false || doc.enabled !== true) {
    return doc
  }
  await req.payload.update({
    collection: WEBHOOK_DELIVERIES_SLUG,
    where: { and: [{ endpoint: { equals: doc.id } }, { status: { equals: 'pending' } }] },
    data: { nextAttemptAt: new Date().toISOString() },
    depth: 0,
    select: { id: true },
    overrideAccess: true,
    req,
  })
  await afterCommit({ req, key: 'soundtrackReviews.webhooks', work: async () => deliverSoon(req.payload) })
  return doc
}

/** An endpoint's delivery log goes with it: nothing could resend to it any more. */
const deleteDeliveries: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: WEBHOOK_DELIVERIES_SLUG,
    where: { endpoint: { equals: id } },
    depth: 0,
    select: { id: true },
    overrideAccess: true,
    req,
  })
}

/** `webhook-endpoints` (admins only): where signed webhooks go, which events, and the secret receivers verify with. */
export const WebhookEndpoints = (options: ResolvedOptions): CollectionConfig => ({
  slug: WEBHOOK_ENDPOINTS_SLUG,
  labels: {
    singular: translated('soundtrackReviews:webhooks.endpoints.singular'),
    plural: translated('soundtrackReviews:webhooks.endpoints.plural'),
  },
  admin: {
    useAsTitle: 'url',
    defaultColumns: ['url', 'description', 'events', 'enabled', 'consecutiveFailures', 'disabledReason'],
    group: byLanguage('webhooks.group'),
    description: translated('soundtrackReviews:webhooks.endpoints.description'),
    hidden: ({ user }) => !hasRole(user, 'admin'),
    components: { beforeList: [componentPath('WebhookAlerts')] },
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  // The resolved webhook options, where deliveries and validation read them (webhookSettingsOf).
  custom: webhookSettingsCustom(options.webhooks),
  hooks: {
    beforeChange: [generateSecret, resetOnReenable],
    // `disabled`: the plugin sends nothing.
    afterChange: options.disabled ? [] : [deliverPendingOnReenable],
    beforeDelete: [deleteDeliveries],
  },
  fields: [
    {
      name: 'url',
      type: 'text',
      required: true,
      label: translated('soundtrackReviews:webhooks.field.url'),
      admin: {
        placeholder: 'https://example.com/api/revalidate',
        description: translated('soundtrackReviews:webhooks.description.url'),
      },
      validate: validateWebhookUrl,
    },
    { name: 'description', type: 'textarea', label: translated('soundtrackReviews:webhooks.field.description') },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      options: CHANGE_EVENTS.map((value) => ({ label: value, value })),
      label: translated('soundtrackReviews:webhooks.field.events'),
      admin: { description: translated('soundtrackReviews:webhooks.description.events') },
    },
    {
      name: 'enabled',
      type: 'checkbox',
      defaultValue: true,
      index: true,
      label: translated('soundtrackReviews:webhooks.field.enabled'),
      admin: { description: translated('soundtrackReviews:webhooks.description.enabled') },
    },
    {
      name: 'actions',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: componentPath('WebhookEndpointActions') } },
    },
    {
      name: 'secret',
      type: 'text',
      access: adminReadsPluginWrites,
      label: translated('soundtrackReviews:webhooks.field.secret'),
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: translated('soundtrackReviews:webhooks.description.secret'),
      },
    },
    { name: 'previousSecret', type: 'text', hidden: true, access: adminReadsPluginWrites },
    { name: 'previousSecretExpiresAt', type: 'date', hidden: true, access: adminReadsPluginWrites },
    {
      name: 'disabledReason',
      type: 'text',
      access: pluginWrites,
      label: translated('soundtrackReviews:webhooks.field.disabledReason'),
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'consecutiveFailures',
      type: 'number',
      defaultValue: 0,
      access: pluginWrites,
      label: translated('soundtrackReviews:webhooks.field.consecutiveFailures'),
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: translated('soundtrackReviews:webhooks.description.consecutiveFailures', {
          max: options.webhooks.maxConsecutiveFailures,
        }),
      },
    },
  ],
})
