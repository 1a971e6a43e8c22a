import type { Payload } from 'payload'

import type { ResolvedOptions } from '../types.js'

import { defaultOptions } from '../options.js'
import { WEBHOOK_ENDPOINTS_SLUG } from './slugs.js'

export type WebhookSettings = ResolvedOptions['webhooks']

/** Where the endpoints collection carries the resolved webhook options (its config's `custom`). */
const CUSTOM_KEY = 'soundtrackReviewsWebhooks'

export const webhookSettingsCustom = (webhooks: WebhookSettings): Record<string, unknown> => ({
  [CUSTOM_KEY]: webhooks,
})

/** The webhook options this Payload instance's plugin was configured with. */
export const webhookSettingsOf = (payload: Payload): WebhookSettings =>
  (payload.collections[WEBHOOK_ENDPOINTS_SLUG]?.config.custom?.[CUSTOM_KEY] as WebhookSettings | undefined) ??
  defaultOptions.webhooks
