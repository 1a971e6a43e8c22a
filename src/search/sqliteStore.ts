import type { SQLAdapter } from '../sqlAdapter.js'
import type { SearchDocument, SearchType } from './documents.js'
import type { SearchQuery, SearchStore } from './store.js'

import { SEARCH_TYPES } from './documents.js'
import { pageSlices, RANKING_TIERS } from './ranking.js'
import { emptyFacets, literal, sqlRunner } from './store.js'
import { isOneEditApart, TYPO_MIN_LENGTH, wordsOf } from './text.js'

/** Every table of the index starts with this: the dev schema push leaves them alone (see hideFromPush). */
export const SQLITE_SEARCH_PREFIX = 'soundtrack_search'

const FTS = 'soundtrack_search'
const DOCS = 'soundtrack_search_documents'
const VOCAB = 'soundtrack_search_vocab'
/** The indexed words long enough to be a typo's target, by length: the typo lookup reads only the lengths it needs. */
const WORDS = 'soundtrack_search_words'

/** bm25 weights of the FTS columns title, names, body: the relevance within a tier (see RANKING_TIERS). */
const WEIGHTS = '10.0, 4.0, 1.0'

const STRUCTURES = [
  `CREATE TABLE IF NOT EXISTS ${DOCS} (id INTEGER PRIMARY KEY, type TEXT NOT NULL, doc_id TEXT NOT NULL, title TEXT NOT NULL, slug TEXT, url TEXT, film_title TEXT, film_slug TEXT, UNIQUE (type, doc_id))`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(title, names, body, tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(${FTS}, row)`,
  `CREATE TABLE IF NOT EXISTS ${WORDS} (length INTEGER NOT NULL, word TEXT NOT NULL, PRIMARY KEY (length, word)) WITHOUT ROWID`,
]

const docValues = (doc: SearchDocument) =>
  `(${[doc.type, doc.id, doc.title, doc.slug, doc.url, doc.film?.title, doc.film?.slug].map(literal).join(', ')})`

const CODES = SEARCH_TYPES.length

/**
 * A document's row in the FTS table: its documents row's id times four plus its type's place, so
 * facets and a type filter read the full-text index alone (a join per match grew with the archive).
 */
const ftsRowid = (type: SearchType, id: number | string) => `(${id} * ${CODES} + ${SEARCH_TYPES.indexOf(type)})`

const ftsValues = (doc: SearchDocument, id: number) =>
  `(${ftsRowid(doc.type, id)}, ${literal(doc.text.title)}, ${literal(doc.text.names)}, ${literal(doc.text.body)})`

/** The next string after every string starting with `prefix` (for a range scan of the vocabulary). */
const after = (prefix: string): string => prefix + '\u{10ffff}'

/** SQLite FTS5: a `unicode61 remove_diacritics 2` index, tiers by column filters then bm25, `fts5vocab` for typos. */
export const sqliteSearchStore = (db: SQLAdapter): SearchStore => {
  const run = sqlRunner(db)
  const terms = async (raw: string) => (await run(raw)).map((row) => String(row.term))

  /** The terms a word may stand for: itself (and, last, what starts with it), or the indexed words one typo away. */
  const alternatives = async (word: string, isPrefix: boolean): Promise<string[]> => {
    if (word.length < TYPO_MIN_LENGTH) {
      return [word]
    }
    const exact = isPrefix ? `term >= ${literal(word)} AND term < ${literal(after(word))}` : `term = ${literal(word)}`
    if ((await terms(`SELECT term FROM ${VOCAB} WHERE ${exact} LIMIT 1`)).length) {
      return [word]
    }
    // Words with the same first letter and a length one apart: a typo elsewhere in the word. Read
    // from the words table: fts5vocab counts every term's documents as it scans, which grew with the archive.
    const near = await terms(
      `SELECT word AS term FROM ${WORDS} WHERE length IN (${word.length - 1}, ${word.length}, ${word.length + 1})
         AND word >= ${literal(word[0])} AND word < ${literal(after(word[0]))}`,
    )
    return [word, ...near.filter((term) => term !== word && isOneEditApart(term, word)).slice(0, 16)]
  }

  const matchExpression = async (words: string[]): Promise<string> => {
    const groups = await Promise.all(
      words.map(async (word, index) => {
        const isPrefix = index === words.length - 1
        const options = await alternatives(word, isPrefix)
        return `(${options.map((term, n) => `"${term}"${isPrefix && n === 0 ? '*' : ''}`).join(' OR ')})`
      }),
    )
    return groups.join(' AND ')
  }

  return {
    ensure: async (req) => {
      for (const statement of STRUCTURES) {
        await run(statement, req)
      }
    },
    write: async (documents, gone, req) => {
      for (const key of gone) {
        const where = `type = ${literal(key.type)} AND doc_id = ${literal(key.id)}`
        await run(
          `DELETE FROM ${FTS} WHERE rowid IN (SELECT ${ftsRowid(key.type, 'id')} FROM ${DOCS} WHERE ${where})`,
          req,
        )
        await run(`DELETE FROM ${DOCS} WHERE ${where}`, req)
      }
      for (let start = 0; start < documents.length; start += 200) {
        const batch = documents.slice(start, start + 200)
        await run(
          `INSERT INTO ${DOCS} (type, doc_id, title, slug, url, film_title, film_slug) VALUES ${batch.map(docValues).join(', ')}
           ON CONFLICT (type, doc_id) DO UPDATE SET title = excluded.title, slug = excluded.slug, url = excluded.url,
             film_title = excluded.film_title, film_slug = excluded.film_slug`,
          req,
        )
        const keys = batch.map((doc) => `(${literal(doc.type)}, ${literal(doc.id)})`).join(', ')
        const rows = await run(`SELECT id, type, doc_id FROM ${DOCS} WHERE (type, doc_id) IN (VALUES ${keys})`, req)
        const rowids = new Map(rows.map((row) => [`${String(row.type)}:${String(row.doc_id)}`, Number(row.id)]))
        const rowidOf = (doc: SearchDocument) => rowids.get(`${doc.type}:${doc.id}`)!
        await run(
          `DELETE FROM ${FTS} WHERE rowid IN (${batch.map((doc) => ftsRowid(doc.type, rowidOf(doc))).join(', ')})`,
          req,
        )
        await run(
          `INSERT INTO ${FTS} (rowid, title, names, body) VALUES ${batch.map((doc) => ftsValues(doc, rowidOf(doc))).join(', ')}`,
          req,
        )
        // Words of deleted documents stay: a typo expanded to one of them finds nothing, as it should.
        const typoTargets = [
          ...new Set(
            batch.flatMap(({ text }) =>
              wordsOf(`${text.title} ${text.names} ${text.body}`).filter((term) => term.length >= TYPO_MIN_LENGTH - 1),
            ),
          ),
        ]
        for (let first = 0; first < typoTargets.length; first += 500) {
          const values = typoTargets.slice(first, first + 500).map((term) => `(${term.length}, ${literal(term)})`)
          await run(`INSERT OR IGNORE INTO ${WORDS} (length, word) VALUES ${values.join(', ')}`, req)
        }
      }
    },
    clear: async (req) => {
      await run(`DELETE FROM ${FTS}`, req)
      await run(`DELETE FROM ${DOCS}`, req)
      await run(`DELETE FROM ${WORDS}`, req)
    },
    search: async ({ words, type, limit, page }: SearchQuery) => {
      const expression = await matchExpression(words)
      /** Every word in this tier's columns (and so in a later tier's too). */
      const within = (tier: number) => `({${RANKING_TIERS[tier].join(' ')}} : (${expression}))`
      const countByType = async (tier: number) => {
        const counts = emptyFacets()
        for (const row of await run(
          `SELECT rowid % ${CODES} AS code, count(*) AS n FROM ${FTS} WHERE ${FTS} MATCH ${literal(within(tier))} GROUP BY code`,
        )) {
          counts[SEARCH_TYPES[Number(row.code)]] = Number(row.n)
        }
        return counts
      }
      const reached = await Promise.all(RANKING_TIERS.map((_, tier) => countByType(tier)))
      const facets = reached.at(-1)!
      const total = (counts: Record<SearchType, number>) =>
        type ? counts[type] : SEARCH_TYPES.reduce((sum, key) => sum + counts[key], 0)
      const inTier = reached.map((counts, tier) => total(counts) - (tier ? total(reached[tier - 1]) : 0))
      const rows: Record<string, unknown>[] = []
      for (const slice of pageSlices(inTier, limit, page)) {
        const match = slice.tier ? `${within(slice.tier)} NOT ${within(slice.tier - 1)}` : within(0)
        // `ORDER BY rank` is FTS5's own sort: documents and snippets are read for the page's rows only
        // (ORDER BY bm25() had SQLite sort every match, its snippet made first).
        rows.push(
          ...(await run(
            `SELECT d.type, d.doc_id, d.title, d.slug, d.url, d.film_title, d.film_slug,
               snippet(${FTS}, -1, char(1), char(2), '…', 16) AS marked
             FROM ${FTS} JOIN ${DOCS} d ON d.id = ${FTS}.rowid / ${CODES}
             WHERE ${FTS} MATCH ${literal(match)} AND rank MATCH 'bm25(${WEIGHTS})'${type ? ` AND ${FTS}.rowid % ${CODES} = ${SEARCH_TYPES.indexOf(type)}` : ''}
             ORDER BY rank LIMIT ${slice.limit} OFFSET ${slice.offset}`,
          )),
        )
      }
      return {
        facets,
        hits: rows.map((row) => ({
          type: row.type as SearchType,
          id: String(row.doc_id),
          title: String(row.title),
          slug: (row.slug as null | string) ?? null,
          url: (row.url as null | string) ?? null,
          film:
            row.film_title === null || row.film_title === undefined
              ? null
              : { title: String(row.film_title), slug: (row.film_slug as null | string) ?? null },
          marked: String(row.marked ?? ''),
        })),
      }
    },
  }
}
