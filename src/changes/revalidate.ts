import type { Endpoint, Payload } from 'payload'

import type { Change } from './types.js'

import { createHash, randomUUID } from 'node:crypto'

import { revalidateOf } from '../settings.js'
import { signWebhook, verifyWebhook } from '../webhooks/signature.js'

/**
 * The site's `revalidate`, called after commit. Some hosts' cache functions work only inside a
 * request (Next's `revalidateTag` throws "static generation store missing" in the publishing job's
 * cron): what throws is called again inside one, a signed `POST` to this process's own
 * `REVALIDATE_PATH`, so the job's changes reach the frontend's cache as the admin's do.
 */
export const REVALIDATE_PATH = '/soundtrack-reviews/revalidate'

/** A signed request older than this is refused (a replay). */
const MAX_AGE_SECONDS = 5 * 60

/** The HMAC key of the self-request: derived from Payload's secret, so only this site can sign it. */
const secretOf = (payload: Payload): string =>
  createHash('sha256').update(`soundtrack-reviews:revalidate:${payload.secret}`).digest('base64')

/**
 * This process's own address: its port on the loopback (each instance keeps its own cache, so a
 * load balancer in front must not pick another), else `serverURL`.
 */
const ownOrigin = (payload: Payload): string =>
  process.env.PORT ? `http://localhost:${process.env.PORT}` : payload.config.serverURL || 'http://localhost:3000'

const logFailure = (payload: Payload, change: Change, error: unknown) =>
  payload.logger.error({ err: error }, `soundtrackReviews: revalidate failed for ${change.event ?? change.tags[0]}`)

/** Calls `revalidate` for each change; returns the changes whose call threw. */
const callEach = async (payload: Payload, changes: Change[]): Promise<{ change: Change; error: unknown }[]> => {
  const revalidate = revalidateOf(payload)
  const failed: { change: Change; error: unknown }[] = []
  for (const change of revalidate ? changes : []) {
    try {
      await revalidate!({ ...change, payload })
    } catch (error) {
      failed.push({ change, error })
    }
  }
  return failed
}

const signHeaders = (payload: Payload, body: string): Record<string, string> => {
  const id = randomUUID()
  const timestamp = Math.floor(Date.now() / 1000)
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({ secrets: [secretOf(payload)], id, timestamp, body }),
  }
}

/**
 * After commit: `revalidate` for each change; what throws is sent once more, together, to this
 * process inside a request. A failure there is logged, never reported as the writer's.
 */
export const revalidateChanges = async (payload: Payload, changes: Change[]): Promise<void> => {
  const failed = await callEach(payload, changes)
  if (failed.length === 0) {
    return
  }
  const body = JSON.stringify({ changes: failed.map(({ change }) => change) })
  const url = `${ownOrigin(payload)}${payload.config.routes.api}${REVALIDATE_PATH}`
  try {
    const response = await fetch(url, { method: 'POST', headers: signHeaders(payload, body), body, redirect: 'manual' })
    if (response.status !== 204) {
      throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
    }
  } catch (error) {
    for (const { change, error: first } of failed) {
      logFailure(payload, change, new Error(`${String(first)}; again inside a request: ${String(error)}`))
    }
  }
}

/** `POST /api/soundtrack-reviews/revalidate`: this site's own signed request (see revalidateChanges). */
export const revalidateEndpoint: Endpoint = {
  path: REVALIDATE_PATH,
  method: 'post',
  handler: async (req) => {
    const body = req.text ? await req.text() : ''
    if (!verifyWebhook({ secret: secretOf(req.payload), headers: req.headers, body, maxAgeSeconds: MAX_AGE_SECONDS })) {
      return Response.json({ errors: [{ message: 'Not signed by this site.' }] }, { status: 401 })
    }
    const { changes } = JSON.parse(body) as { changes: Change[] }
    const failed = await callEach(req.payload, changes)
    if (failed.length > 0) {
      return Response.json({ errors: failed.map(({ error }) => ({ message: String(error) })) }, { status: 500 })
    }
    return new Response(null, { status: 204 })
  },
}
