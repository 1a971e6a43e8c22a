import type { PayloadRequest } from 'payload'

import type { SQLAdapter } from '../sqlAdapter.js'
import type { SearchDocument, SearchKey, SearchType } from './documents.js'

import { runSQL } from '../sqlAdapter.js'

/** A query as the stores take it: plain folded words (the last one a prefix), one page. */
export type SearchQuery = { words: string[]; type?: SearchType; limit: number; page: number }

export type SearchHit = Omit<SearchDocument, 'text'> & {
  /** Text with `MARK_OPEN`/`MARK_CLOSE` around the matched words, not yet escaped. */
  marked: string
}

export type SearchAnswer = { hits: SearchHit[]; facets: Record<SearchType, number> }

/** One adapter's index: its structures, its writes (after commit) and its query. */
export type SearchStore = {
  /** Creates the index's structures if missing (idempotent): migrations, and a pushed dev schema. */
  ensure: (req?: PayloadRequest) => Promise<void>
  /** Writes these documents (replacing earlier versions) and removes those gone. */
  write: (documents: SearchDocument[], gone: SearchKey[], req?: PayloadRequest) => Promise<void>
  /** Removes every document (before a rebuild). */
  clear: (req?: PayloadRequest) => Promise<void>
  search: (query: SearchQuery) => Promise<SearchAnswer>
}

export const emptyFacets = (): Record<SearchType, number> => ({ review: 0, film: 0, composer: 0, track: 0 })

/** A string as an SQL literal (both dialects, standard strings): quotes doubled, NUL dropped. */
export const literal = (value: null | number | string | undefined): string =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : `'${value.replaceAll('\u0000', '').replace(/'/g, "''")}'`

/** Raw SQL in `req`'s transaction when there is one (a migration, the reindex endpoint), else on its own. */
export const sqlRunner =
  (db: SQLAdapter) =>
  async (raw: string, req?: PayloadRequest): Promise<Record<string, unknown>[]> =>
    req ? runSQL({ req, db, raw }) : ((await db.execute({ drizzle: db.drizzle, raw })).rows ?? [])
