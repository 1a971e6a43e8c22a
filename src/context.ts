import type { PayloadRequest, RequestContext } from 'payload'

/** Set on writes made by the schedule itself, so review hooks do not call back into it. */
export const SCHEDULING = 'soundtrackReviews.scheduling'

/** Set on the schedule write that takes published reviews off the queue (see pruneQueue). */
export const DEQUEUING = 'soundtrackReviews.dequeuing'

/** Set by writes that adjust the film's totals once themselves (the track-list import, film deletion). */
export const DEFER_RUNTIME = 'soundtrackReviews.deferRuntime'

/** Set by the schedule's publishing job: the only non-admin allowed to publish. */
export const PUBLISHED_BY_SCHEDULE = 'soundtrackReviews.publishedBySchedule'

/**
 * The same request (user, transaction, locale) with extra context for one nested write. A Local
 * API call's own `context` option is merged into the shared `req.context` and stays there for the
 * rest of the request; a copy keeps a flag from leaking into later, unrelated writes.
 */
export const withContext = (req: PayloadRequest, context: RequestContext): PayloadRequest =>
  ({ ...req, context: { ...req.context, ...context } }) as PayloadRequest
