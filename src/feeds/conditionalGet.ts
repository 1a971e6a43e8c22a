import { createHash } from 'node:crypto'

/** A strong validator of the exact bytes sent. */
export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`

const opaque = (tag: string): string => tag.trim().replace(/^W\//, '')

/**
 * RFC 9110 §13.2.2: `If-None-Match` decides when sent (weak comparison, `*` matches); otherwise
 * `If-Modified-Since`, at the one-second precision HTTP dates have.
 */
export const isNotModified = ({
  headers,
  etag,
  lastModified,
}: {
  headers: Headers
  etag: string
  lastModified: Date | null
}): boolean => {
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null) {
    const tags = ifNoneMatch.split(',').map(opaque)
    return tags.includes('*') || tags.includes(opaque(etag))
  }
  const ifModifiedSince = headers.get('if-modified-since')
  if (ifModifiedSince === null || lastModified === null) {
    return false
  }
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
}
