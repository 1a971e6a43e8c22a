import type { SearchType } from './documents.js'
import type { SearchHit, SearchQuery, SearchStore } from './store.js'

import { emptyFacets } from './store.js'
import { fold, MARK_CLOSE, MARK_OPEN } from './text.js'

/** What the store uses of a MongoDB collection (the driver's own, through mongoose's connection). */
type Collection = {
  createIndex: (keys: Record<string, unknown>, options: Record<string, unknown>) => Promise<unknown>
  bulkWrite: (operations: Record<string, unknown>[]) => Promise<unknown>
  deleteMany: (filter: Record<string, unknown>) => Promise<unknown>
  aggregate: (pipeline: Record<string, unknown>[]) => { toArray: () => Promise<Record<string, unknown>[]> }
}

export const MONGO_SEARCH_COLLECTION = 'soundtrack_search'

/** Words of `text` whose folded form one of `words` starts (the last) or equals, in marks; about 30 words around the first. */
const markWords = (text: string, words: string[]): string => {
  const tokens = text.split(/(\s+)/)
  const isMatch = (token: string) => {
    const folded = fold(token).replace(/[^\p{L}\p{N}]/gu, '')
    return words.some((word, index) => (index === words.length - 1 ? folded.startsWith(word) : folded === word))
  }
  const first = Math.max(0, tokens.findIndex(isMatch))
  const start = Math.max(0, first - 20)
  const window = tokens.slice(start, start + 60)
  return `${start > 0 ? '… ' : ''}${window.map((token) => (isMatch(token) ? `${MARK_OPEN}${token}${MARK_CLOSE}` : token)).join('')}`
}

/**
 * MongoDB: a text index (weights title 10, names 4, body 1; language `none`, so no stemming;
 * version 3 folds diacritics). Whole words only: no prefix matching and no typo tolerance (Atlas
 * Search has both; a plain server has neither). See README.
 */
export const mongoSearchStore = (collection: () => Collection): SearchStore => ({
  ensure: async () => {
    await collection().createIndex(
      { 'text.title': 'text', 'text.names': 'text', 'text.body': 'text' },
      {
        name: 'soundtrack_search_text',
        weights: { 'text.title': 10, 'text.names': 4, 'text.body': 1 },
        default_language: 'none',
      },
    )
    await collection().createIndex({ type: 1, id: 1 }, { unique: true })
  },
  write: async (documents, gone) => {
    const operations = [
      ...gone.map(({ type, id }) => ({ deleteOne: { filter: { type, id } } })),
      ...documents.map((doc) => ({
        replaceOne: { filter: { type: doc.type, id: doc.id }, replacement: doc, upsert: true },
      })),
    ]
    if (operations.length) {
      await collection().bulkWrite(operations)
    }
  },
  clear: async () => {
    await collection().deleteMany({})
  },
  search: async ({ words, type, limit, page }: SearchQuery) => {
    // Quoted words are all required (MongoDB ORs bare words).
    const match = { $text: { $search: words.map((word) => `"${word}"`).join(' '), $diacriticSensitive: false } }
    const facets = emptyFacets()
    for (const row of await collection()
      .aggregate([{ $match: match }, { $group: { _id: '$type', n: { $sum: 1 } } }])
      .toArray()) {
      facets[row._id as SearchType] = Number(row.n)
    }
    const rows = await collection()
      .aggregate([
        { $match: match },
        ...(type ? [{ $match: { type } }] : []),
        { $sort: { score: { $meta: 'textScore' }, type: 1, id: 1 } },
        { $skip: (page - 1) * limit },
        { $limit: limit },
      ])
      .toArray()
    return {
      facets,
      hits: rows.map((row): SearchHit => {
        const text = row.text as { title: string; names: string; body: string }
        const field = [text.title, text.names, text.body].find((value) => markWords(value, words).includes(MARK_OPEN))
        return {
          type: row.type as SearchType,
          id: String(row.id),
          title: String(row.title),
          slug: (row.slug as null | string) ?? null,
          url: (row.url as null | string) ?? null,
          film: (row.film as SearchHit['film']) ?? null,
          marked: markWords(field ?? text.title, words),
        }
      }),
    }
  },
})
