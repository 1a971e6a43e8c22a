import type { CollectionBeforeOperationHook } from 'payload'

/** The one documented way to have a REST list carry its rich-text bodies: `?bodies=true`. */
const BODIES_PARAM = 'bodies'

/**
 * REST lists leave rich-text bodies out unless the request asks for them (`?bodies=true`) or
 * selects fields itself: a list page needs titles and slugs, not every review's full text.
 * Reads by id are untouched.
 */
export const omitBodiesFromLists =
  (bodies: string[]): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const isRestList = operation === 'read' && req.payloadAPI === 'REST' && !('id' in args)
    const asksForBodies = req.searchParams?.get(BODIES_PARAM) === 'true'
    if (!isRestList || asksForBodies || (args.select && Object.keys(args.select).length > 0)) {
      return args
    }
    return { ...args, select: Object.fromEntries(bodies.map((name) => [name, false])) }
  }
