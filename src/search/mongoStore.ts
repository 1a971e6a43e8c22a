import type { SearchType } from './documents.js'
import type { SearchHit, SearchQuery, SearchStore } from './store.js'

import { RANKING_TIERS } from './ranking.js'
import { emptyFacets } from './store.js'
import { fold, MARK_CLOSE, MARK_OPEN, wordsOf } from './text.js'

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

/** The fields whose words decide a tier (all but the last tier's: that one holds every match). */
const TIER_FIELDS = [...new Set(RANKING_TIERS.slice(0, -1).flat())]

/** A field's folded words between spaces, so a whole word is found as ` word `. */
const spacedWords = (text: string) => ` ${wordsOf(text).join(' ')} `

/** The first tier whose fields hold every word (RANKING_TIERS), computed for the matches only. */
const tierOf = (words: string[]) => ({
  $switch: {
    branches: RANKING_TIERS.slice(0, -1).map((fields, tier) => ({
      case: {
        $and: words.map((word) => ({
          $or: fields.map((field) => ({
            $gte: [{ $indexOfCP: [{ $ifNull: [`$words.${field}`, ''] }, ` ${word} `] }, 0],
          })),
        })),
      },
      then: tier,
    })),
    default: RANKING_TIERS.length - 1,
  },
})

/**
 * MongoDB: a text index (weights title 10, names 4, body 1, the relevance within a tier; language
 * `none`, so no stemming; version 3 folds diacritics), tiers from each field's folded words. Whole
 * words only: no prefix matching and no typo tolerance (Atlas Search has both; a plain server has
 * neither). See README.
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
        replaceOne: {
          filter: { type: doc.type, id: doc.id },
          replacement: {
            ...doc,
            words: Object.fromEntries(TIER_FIELDS.map((field) => [field, spacedWords(doc.text[field])])),
          },
          upsert: true,
        },
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
        { $addFields: { tier: tierOf(words) } },
        { $sort: { tier: 1, score: { $meta: 'textScore' }, type: 1, id: 1 } },
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
