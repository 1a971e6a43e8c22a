import type { Payload } from 'payload'

/*
 * A process that hosts Next next to its own Payload (our express server) has two Payload
 * instances. The job queue must run in exactly one: the one that claimed it. A process where no
 * instance claimed it (a plain Next app) runs it wherever crons are enabled.
 */
const CLAIM = Symbol.for('payload-soundtrack-reviews.jobRunner')

type WithClaim = typeof globalThis & { [CLAIM]?: Payload }

export const claimJobRunner = (payload: Payload): void => {
  ;(globalThis as WithClaim)[CLAIM] = payload
}

export const isJobRunner = (payload: Payload): boolean => {
  const claimed = (globalThis as WithClaim)[CLAIM]
  return claimed === undefined || claimed === payload
}
