import { createHmac, randomBytes } from 'node:crypto'

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

/** A new message id: `msg_` + random, stable across retries (the caller stores it). */
export const newWebhookId = (): string => `msg_${randomBytes(16).toString('base64url')}`
