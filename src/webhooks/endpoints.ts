import type { Endpoint, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'
import type { WebhookEndpoint } from './deliveries.js'

import { hasRole } from '../access/roles.js'
import { json } from '../endpoints/respond.js'
import { toCollectionID } from '../relationID.js'
import { soundtrackT } from '../translations/index.js'
import { createDelivery, deliverNow, webhookBody } from './deliveries.js'
import { findMissedSlots } from './missedSlots.js'
import { generateWebhookSecret } from './signature.js'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from './slugs.js'

/** How long a rotated-out secret keeps signing beside the new one: receivers have a day to switch. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 60 * 60 * 1000

const refuse = (req: PayloadRequest, status: number, message: string): Response =>
  json(req, { errors: [{ message }] }, status)

/** Admins only: 401 for anonymous requests, 403 for everyone else; undefined when the caller may go on. */
const refuseNonAdmins = (req: PayloadRequest): Response | undefined => {
  const t = soundtrackT(req.t)
  if (!req.user) {
    return refuse(req, 401, t('soundtrackReviews:webhooks.error.signIn'))
  }
  return hasRole(req.user, 'admin') ? undefined : refuse(req, 403, t('soundtrackReviews:webhooks.error.adminsOnly'))
}

/** The document named by `:id`, read with the server's access, or a 404 naming the id. */
const findNamed = async <T>(req: PayloadRequest, collection: string): Promise<{ doc: T } | { response: Response }> => {
  const raw = String(req.routeParams?.id ?? '')
  const id = toCollectionID({ req, collection, id: raw })
  const doc =
    id === null
      ? null
      : await req.payload.findByID({
          collection,
          id,
          depth: 0,
          overrideAccess: true,
          showHiddenFields: true,
          disableErrors: true,
          req,
        })
  return doc
    ? { doc: doc as T }
    : { response: refuse(req, 404, soundtrackT(req.t)('soundtrackReviews:webhooks.error.notFound', { id: raw })) }
}

/** What the test and Resend actions answer: the delivery after its attempt. */
const deliveryResponse = async (req: PayloadRequest, id: ID): Promise<Response> => {
  const delivery = await deliverNow({ payload: req.payload, id })
  return json(req, { delivery })
}

/**
 * `POST /api/webhook-endpoints/:id/test` (admins): queues `webhook.test` for this endpoint (enabled or
 * not), makes its first attempt and answers 200 `{ delivery }` once the attempt is recorded: its
 * `status`, `attempts[0]` (`statusCode`, `durationMs`, `error`). A failed test is retried like any delivery.
 */
export const sendTestEndpoint: Endpoint = {
  path: '/:id/test',
  method: 'post',
  handler: async (req) => {
    const refused = refuseNonAdmins(req)
    if (refused) {
      return refused
    }
    const found = await findNamed<WebhookEndpoint>(req, WEBHOOK_ENDPOINTS_SLUG)
    if ('response' in found) {
      return found.response
    }
    const id = await createDelivery({
      payload: req.payload,
      endpoint: found.doc.id,
      body: webhookBody('webhook.test', { data: { endpoint: found.doc.id }, tags: [], urls: [] }),
    })
    return deliveryResponse(req, id)
  },
}

/**
 * `POST /api/webhook-endpoints/:id/rotate-secret` (admins): a new secret, answered once as
 * `{ secret, previousSecretExpiresAt }`; deliveries are signed with both for the next 24 hours.
 */
export const rotateSecretEndpoint: Endpoint = {
  path: '/:id/rotate-secret',
  method: 'post',
  handler: async (req) => {
    const refused = refuseNonAdmins(req)
    if (refused) {
      return refused
    }
    const found = await findNamed<WebhookEndpoint>(req, WEBHOOK_ENDPOINTS_SLUG)
    if ('response' in found) {
      return found.response
    }
    const secret = generateWebhookSecret()
    const previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_TTL_MS).toISOString()
    await req.payload.update({
      collection: WEBHOOK_ENDPOINTS_SLUG,
      id: found.doc.id,
      data: { secret, previousSecret: found.doc.secret, previousSecretExpiresAt },
      depth: 0,
      select: { id: true },
      overrideAccess: true,
      req,
    })
    return json(req, { id: found.doc.id, secret, previousSecretExpiresAt })
  },
}

/**
 * `POST /api/webhook-deliveries/:id/resend` (admins): the delivery is pending again and due now, with
 * the same `webhookId`; answers 200 `{ delivery }` once this attempt is recorded (appended to `attempts`).
 */
export const resendDeliveryEndpoint: Endpoint = {
  path: '/:id/resend',
  method: 'post',
  handler: async (req) => {
    const refused = refuseNonAdmins(req)
    if (refused) {
      return refused
    }
    const found = await findNamed<{ id: ID }>(req, WEBHOOK_DELIVERIES_SLUG)
    if ('response' in found) {
      return found.response
    }
    await req.payload.update({
      collection: WEBHOOK_DELIVERIES_SLUG,
      id: found.doc.id,
      data: { status: 'pending', nextAttemptAt: new Date().toISOString() },
      depth: 0,
      select: { id: true },
      overrideAccess: true,
      req,
    })
    return deliveryResponse(req, found.doc.id)
  },
}

/**
 * `GET /api/webhook-endpoints/alerts` (admins): what the admin's banner shows, `{ missedSlots,
 * disabledEndpoints }`: queued reviews 5 minutes past their slot and still unpublished, and endpoints
 * the plugin turned off (410 Gone, or too many failures in a row).
 */
export const webhookAlertsEndpoint: Endpoint = {
  path: '/alerts',
  method: 'get',
  handler: async (req) => {
    const refused = refuseNonAdmins(req)
    if (refused) {
      return refused
    }
    const [missedSlots, disabled] = await Promise.all([
      findMissedSlots({ payload: req.payload }),
      req.payload.find({
        collection: WEBHOOK_ENDPOINTS_SLUG,
        where: { and: [{ enabled: { equals: false } }, { disabledReason: { exists: true } }] },
        select: { url: true, disabledReason: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      }),
    ])
    return json(req, {
      missedSlots,
      disabledEndpoints: disabled.docs.map(({ id, url, disabledReason }) => ({ id, url, disabledReason })),
    })
  },
}
