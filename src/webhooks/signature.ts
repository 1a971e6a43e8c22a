import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const SECRET_PREFIX = 'whsec_'

/** `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
export const generateWebhookSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`

/** The HMAC key is the base64 after `whsec_`, as the spec and its reference libraries read it. */
const keyOf = (secret: string): Buffer => {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
  if (key.length === 0) {
    throw new Error('A webhook secret must be whsec_ followed by base64 (an empty key would sign nothing).')
  }
  return key
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret,
 * space-separated (several while a rotated secret is still valid). timestamp in unix seconds.
 */
export const signWebhook = ({
  secrets,
  id,
  timestamp,
  body,
}: {
  secrets: string[]
  id: string
  timestamp: number
  body: string
}): string => {
  if (secrets.length === 0) {
    throw new Error('A webhook needs at least one secret to be signed.')
  }
  if (!Number.isSafeInteger(timestamp)) {
    throw new Error(`A webhook timestamp is whole unix seconds, got ${timestamp}.`)
  }
  const content = `${id}.${timestamp}.${body}`
  return secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(content).digest('base64')}`).join(' ')
}

/**
 * Whether `headers` carry a signature of `body` by `secret`, with a `webhook-timestamp` within
 * `maxAgeSeconds` of now (a replayed request is refused), compared in constant time.
 */
export const verifyWebhook = ({
  secret,
  headers,
  body,
  maxAgeSeconds,
}: {
  secret: string
  headers: Headers
  body: string
  maxAgeSeconds: number
}): boolean => {
  const id = headers.get('webhook-id') ?? ''
  const timestamp = Number(headers.get('webhook-timestamp'))
  if (!id || !Number.isSafeInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > maxAgeSeconds) {
    return false
  }
  const expected = Buffer.from(signWebhook({ secrets: [secret], id, timestamp, body }))
  const given = Buffer.from(headers.get('webhook-signature') ?? '')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** A new message id: `msg_` + random, stable across retries (the caller stores it). */
export const newWebhookId = (): string => `msg_${randomBytes(16).toString('base64url')}`
