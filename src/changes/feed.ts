import type { Payload, PayloadRequest } from 'payload'

import type { Affected } from './affected.js'
import type { Change, ChangeEvent } from './types.js'

import { collectUntilCommit } from '../cache/afterCommit.js'
import { invalidateTags } from '../cache/tagVersions.js'
import { updateSearchIndex } from '../search/searchIndex.js'
import { deliverDueWebhooks, queueWebhookDeliveries } from '../webhooks/deliveries.js'
import { publishedReviewsRelatedTo, publishedReviewsShowing, withRelatedPages } from './affected.js'
import { revalidateChanges } from './revalidate.js'
import { reviewChange } from './reviewChange.js'
import { TAGS } from './tags.js'

const FEED_KEY = 'soundtrack-reviews:changes'

/** When one transaction says several things of one review, the reader hears the strongest. */
const STRENGTH: Partial<Record<ChangeEvent, number>> = {
  'review.updated': 1,
  'review.unpublished': 2,
  'review.published': 3,
  'review.deleted': 4,
}

const union = (lists: string[][]): string[] => [...new Set(lists.flat())]

/**
 * One transaction's changes as its readers should hear them: one event per review (the strongest,
 * with the tags and URLs of all), one `schedule.changed`, and one change without an event per
 * document (`data.type` and `data.id`: a film, track or composer) however often it was written.
 */
export const mergeChanges = (changes: Change[]): Change[] => {
  const byKey = new Map<string, Change>()
  for (const change of changes) {
    const key = !change.event
      ? `${String(change.data.type ?? '')}:${String(change.data.id ?? '')}`
      : change.event.startsWith('review.')
        ? `review:${String(change.data.id)}`
        : `${change.event}:${String(change.data.id ?? '')}`
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, { ...change, tags: [...change.tags], urls: [...change.urls] })
      continue
    }
    const isStronger = (STRENGTH[change.event!] ?? 0) > (STRENGTH[seen.event!] ?? 0)
    byKey.set(key, {
      event: isStronger ? change.event : seen.event,
      data: isStronger ? { ...seen.data, ...change.data } : { ...change.data, ...seen.data },
      tags: union([seen.tags, change.tags]),
      urls: union([seen.urls, change.urls]),
    })
  }
  return [...byKey.values()]
}

/**
 * After commit, in this order: the search index, then the public cache's tags (so a frontend that
 * re-fetches on hearing of the change reads the new data, and a search the new index), the site's
 * `revalidate`, then the webhooks' first attempts (sent in the background: a slow receiver never
 * holds up the writer).
 */
const dispatch = async (payload: Payload, { changes, deliveries }: Prepared): Promise<void> => {
  await updateSearchIndex(payload, changes)
  await invalidateTags(payload, union(changes.map(({ tags }) => tags)))
  await revalidateChanges(payload, changes)
  if (deliveries > 0) {
    deliverDueWebhooks(payload).catch((error: unknown) =>
      payload.logger.error({ err: error }, 'soundtrackReviews: sending webhooks failed'),
    )
  }
}

/** A change as hooks hand it in: a catalog write also names what it touched, resolved once per transaction. */
type Recorded = Change & { affects?: Affected }

/**
 * Just before the commit: the published reviews that show what the catalog writes touched become
 * `review.updated` (looked up once for the whole transaction, however many tracks it wrote), and
 * the webhook deliveries of every event are written in the transaction, so a delivery exists
 * exactly when its change does.
 */
type Prepared = { changes: Change[]; deliveries: number }

const prepare = async (req: PayloadRequest, recorded: Recorded[]): Promise<Prepared> => {
  const affected: Affected = {
    films: recorded.flatMap(({ affects }) => affects?.films ?? []),
    composers: recorded.flatMap(({ affects }) => affects?.composers ?? []),
  }
  const showing = await publishedReviewsShowing(req, affected)
  // Their related reviews' pages show their film too.
  const relating = await publishedReviewsRelatedTo(
    req,
    showing.map(({ id }) => id),
  )
  const changes = mergeChanges([
    ...recorded.map(({ affects: _resolved, ...change }) => change),
    ...showing.map((review) =>
      withRelatedPages(req, reviewChange(req.payload, 'review.updated', review), review.id, relating),
    ),
  ]).map((change) => (change.tags.length ? { ...change, tags: [...change.tags, TAGS.content] } : change))
  const deliveries = changes.some(({ event }) => event) ? await queueWebhookDeliveries({ req, changes }) : 0
  return { changes, deliveries }
}

/**
 * The one change feed: every hook that sees a public change hands it here. The changes of one
 * transaction are gathered and prepared before it commits; after it commits, the cache,
 * `revalidate` and the webhooks hear of them. A transaction that rolls back says nothing.
 */
export const recordChanges = async (req: PayloadRequest, changes: Recorded[]): Promise<void> => {
  if (changes.length === 0) {
    return
  }
  await collectUntilCommit({
    req,
    key: FEED_KEY,
    items: changes,
    beforeCommit: (all) => prepare(req, all),
    afterCommit: (prepared) => dispatch(req.payload, prepared),
  })
}
