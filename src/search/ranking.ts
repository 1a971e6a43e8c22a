import type { SearchDocument } from './documents.js'

/** A part of a document's indexed text: its own title or name, the names it carries, its body. */
export type SearchField = keyof SearchDocument['text']

/**
 * The ranking's tiers, best first: a match is in the first tier whose fields hold every word of the
 * query. So a document whose own title or name matches (a review, film, composer, or a track by its
 * own title) comes before one found through the names it carries (a track through its film's title,
 * a film through its composers or tracks, a review through its film), and both before bodies. Within
 * a tier, the database's relevance (weighted bm25, ts_rank, textScore).
 */
export const RANKING_TIERS: readonly (readonly SearchField[])[] = [
  ['title'],
  ['title', 'names'],
  ['title', 'names', 'body'],
]

/** One tier's share of a page: `limit` of its matches from `offset`, in the database's relevance order. */
export type TierSlice = { tier: number; offset: number; limit: number }

/**
 * The parts of each tier that make up a page, given how many matches (of the requested type) each
 * tier holds: the page's rows are read tier by tier, never sorting every match.
 */
export const pageSlices = (counts: number[], limit: number, page: number): TierSlice[] => {
  let skip = (page - 1) * limit
  let left = limit
  const slices: TierSlice[] = []
  counts.forEach((count, tier) => {
    if (left > 0 && skip < count) {
      const take = Math.min(left, count - skip)
      slices.push({ tier, offset: skip, limit: take })
      left -= take
    }
    skip = Math.max(0, skip - count)
  })
  return slices
}
