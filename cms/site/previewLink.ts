import type { GeneratePreviewURL } from 'payload'

import { createHmac, timingSafeEqual } from 'node:crypto'

/*
 * Previews of a review's newest version on its own page, `/reviews/<slug>?draft=true`: for a
 * signed-in editor (Live Preview in the admin), or for anyone holding a link signed for that slug
 * within the last ten minutes (the admin's Preview button, to send to a colleague).
 */

/** The review page asking for the newest version; the public cache never keeps a `draft=true` request. */
export const PREVIEW_URL = '/reviews/{slug}?draft=true'

/** How long a signed preview link shows the draft. */
export const PREVIEW_LINK_SECONDS = 600

/** A key of its own, derived from Payload's secret: nothing else Payload signs is a preview link. */
const linkKey = (secret: string): Buffer =>
  createHmac('sha256', secret).update('payload-soundtrack-reviews preview link').digest()

const signatureOf = (secret: string, slug: string, expires: string): string =>
  createHmac('sha256', linkKey(secret)).update(`${slug}\n${expires}`).digest('base64url')

/** The query that opens `slug`'s newest version until ten minutes after `now`. */
export const signPreviewLink = ({
  secret,
  slug,
  now = Date.now(),
}: {
  secret: string
  slug: string
  now?: number
}): { expires: string; signature: string } => {
  const expires = String(Math.floor(now / 1000) + PREVIEW_LINK_SECONDS)
  return { expires, signature: signatureOf(secret, slug, expires) }
}

/** Whether `expires` and `signature` were signed for `slug` and `expires` (Unix seconds) is still ahead. */
export const isValidPreviewLink = ({
  secret,
  slug,
  expires,
  signature,
  now = Date.now(),
}: {
  secret: string
  slug: string
  expires: unknown
  signature: unknown
  now?: number
}): boolean => {
  if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(expires)) {
    return false
  }
  if (Number(expires) * 1000 <= now) {
    return false
  }
  const expected = Buffer.from(signatureOf(secret, slug, expires))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The Preview button's address: the preview page with a link signed now, which works without signing in. */
export const signedPreviewURL: GeneratePreviewURL = (doc, { req }) => {
  if (typeof doc.slug !== 'string' || doc.slug === '') {
    return null
  }
  const { expires, signature } = signPreviewLink({ secret: req.payload.secret, slug: doc.slug })
  const query = new URLSearchParams({ expires, signature })
  return `${PREVIEW_URL.replace('{slug}', encodeURIComponent(doc.slug))}&${query}`
}
