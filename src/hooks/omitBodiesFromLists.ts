import type { CollectionBeforeOperationHook } from 'payload'

/**
 * REST lists leave rich-text bodies out unless the request selects fields itself: a list page
 * needs titles and slugs, not every review's full text. Reads by id are untouched.
 */
export const omitBodiesFromLists =
  (bodies: string[]): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const isRestList = operation === 'read' && req.payloadAPI === 'REST' && !('id' in args)
    if (!isRestList || (args.select && Object.keys(args.select).length > 0)) {
      return args
    }
    return { ...args, select: Object.fromEntries(bodies.map((name) => [name, false])) }
  }
