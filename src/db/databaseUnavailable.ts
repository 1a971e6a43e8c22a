import type { AfterErrorHook } from 'payload'

import { soundtrackT } from '../translations/index.js'

/**
 * Connection errors (Node) and PostgreSQL's "connection exception" and "operator intervention"
 * classes, by code or, where an adapter rethrows a bare message ("cannot begin transaction: read
 * ECONNRESET"), by the words in it. A transaction that cannot begin is the database's state, never
 * the request's: Drizzle's message then may keep only "Failed query: begin" and drop the cause.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03'])
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|cannot begin transaction|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|the database system is (starting up|shutting down)|terminating connection/i

/** The error, or one of its causes, says the database is away, not that the request was wrong. */
export const isDatabaseUnavailable = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null || depth > 5) {
    return false
  }
  const { code, message, cause, errors } = error as {
    code?: unknown
    message?: unknown
    cause?: unknown
    errors?: unknown
  }
  return (
    (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
    (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) ||
    isDatabaseUnavailable(cause, depth + 1) ||
    // A refused connection to each of several addresses arrives as an AggregateError.
    (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
  )
}

/** While the database restarts or fails over, requests answer 503 (try again), not 500. */
export const answerDatabaseUnavailable: AfterErrorHook = ({ error, req }) =>
  isDatabaseUnavailable(error)
    ? {
        status: 503,
        response: { errors: [{ message: soundtrackT(req.t)('soundtrackReviews:error.databaseUnavailable') }] },
      }
    : undefined
