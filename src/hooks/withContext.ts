import type { PayloadRequest, RequestContext } from 'payload'

/**
 * The same request (user, transaction, locale) with extra context for one nested write. A Local
 * API call's own `context` option is merged into the shared `req.context` and stays there for the
 * rest of the request; a copy keeps a flag from leaking into later, unrelated writes.
 */
export const withContext = (req: PayloadRequest, context: RequestContext): PayloadRequest =>
  ({ ...req, context: { ...req.context, ...context } }) as PayloadRequest
