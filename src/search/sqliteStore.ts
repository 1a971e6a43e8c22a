import type { SQLAdapter } from '../sqlAdapter.js'
import type { SearchDocument, SearchType } from './documents.js'
import type { SearchQuery, SearchStore } from './store.js'

import { emptyFacets, literal, sqlRunner } from './store.js'
import { isOneEditApart, TYPO_MIN_LENGTH } from './text.js'

/** Every table of the index starts with this: the dev schema push leaves them alone (see hideFromPush). */
export const SQLITE_SEARCH_PREFIX = 'soundtrack_search'

const FTS = 'soundtrack_search'
const DOCS = 'soundtrack_search_documents'
const VOCAB = 'soundtrack_search_vocab'

/** bm25 weights of the FTS columns title, names, body: titles first, then tracks and composers, then bodies. */
const WEIGHTS = '10.0, 4.0, 1.0'

const STRUCTURES = [
  `CREATE TABLE IF NOT EXISTS ${DOCS} (id INTEGER PRIMARY KEY, type TEXT NOT NULL, doc_id TEXT NOT NULL, title TEXT NOT NULL, slug TEXT, url TEXT, film_title TEXT, film_slug TEXT, UNIQUE (type, doc_id))`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(title, names, body, tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(${FTS}, row)`,
]

const docValues = (doc: SearchDocument) =>
  `(${[doc.type, doc.id, doc.title, doc.slug, doc.url, doc.film?.title, doc.film?.slug].map(literal).join(', ')})`

const ftsValues = (doc: SearchDocument, id: number) =>
  `(${id}, ${literal(doc.text.title)}, ${literal(doc.text.names)}, ${literal(doc.text.body)})`

/** The next string after every string starting with `prefix` (for a range scan of the vocabulary). */
const after = (prefix: string): string => prefix + '\u{10ffff}'

/** SQLite FTS5: a `unicode61 remove_diacritics 2` index, bm25 ranking, `fts5vocab` for typos. */
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
    // Words with the same first letter and a length one apart: a typo elsewhere in the word.
    const near = await terms(
      `SELECT term FROM ${VOCAB} WHERE term >= ${literal(word[0])} AND term < ${literal(after(word[0]))} AND length(term) BETWEEN ${word.length - 1} AND ${word.length + 1}`,
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
        await run(`DELETE FROM ${FTS} WHERE rowid IN (SELECT id FROM ${DOCS} WHERE ${where})`, req)
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
        await run(`DELETE FROM ${FTS} WHERE rowid IN (${batch.map(rowidOf).join(', ')})`, req)
        await run(
          `INSERT INTO ${FTS} (rowid, title, names, body) VALUES ${batch.map((doc) => ftsValues(doc, rowidOf(doc))).join(', ')}`,
          req,
        )
      }
    },
    clear: async (req) => {
      await run(`DELETE FROM ${FTS}`, req)
      await run(`DELETE FROM ${DOCS}`, req)
    },
    search: async ({ words, type, limit, page }: SearchQuery) => {
      const match = `${FTS} MATCH ${literal(await matchExpression(words))}`
      const from = `FROM ${FTS} JOIN ${DOCS} d ON d.id = ${FTS}.rowid WHERE ${match}`
      const facets = emptyFacets()
      for (const row of await run(`SELECT d.type AS type, count(*) AS n ${from} GROUP BY d.type`)) {
        facets[row.type as SearchType] = Number(row.n)
      }
      const rows = await run(
        `SELECT d.type, d.doc_id, d.title, d.slug, d.url, d.film_title, d.film_slug,
           snippet(${FTS}, -1, char(1), char(2), '…', 16) AS marked
         ${from}${type ? ` AND d.type = ${literal(type)}` : ''}
         ORDER BY bm25(${FTS}, ${WEIGHTS}), d.id LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
      )
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
