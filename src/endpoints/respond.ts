import type { PayloadRequest } from 'payload'

import { headersWithCors } from 'payload'

/** JSON with the same CORS headers Payload's own routes send. */
export const json = (req: PayloadRequest, body: unknown, status = 200, headers: HeadersInit = {}): Response =>
  Response.json(body, { status, headers: headersWithCors({ headers: new Headers(headers), req }) })

/** Any other body (feeds, iCalendar, JSON-LD) with its content type and CORS headers. */
export const text = (
  req: PayloadRequest,
  body: string,
  contentType: string,
  status = 200,
  headers: HeadersInit = {},
): Response => {
  const merged = new Headers(headers)
  merged.set('Content-Type', contentType)
  return new Response(body, { status, headers: headersWithCors({ headers: merged, req }) })
}
