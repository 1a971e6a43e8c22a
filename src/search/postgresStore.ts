import type { SQLAdapter } from '../sqlAdapter.js'
import type { SearchDocument, SearchType } from './documents.js'
import type { SearchField } from './ranking.js'
import type { SearchQuery, SearchStore } from './store.js'

import { RANKING_TIERS } from './ranking.js'
import { emptyFacets, literal, sqlRunner } from './store.js'
import { isOneEditApart, MARK_CLOSE, MARK_OPEN, TYPO_MIN_LENGTH } from './text.js'

/** A schema of its own: Payload's schema push and migration diff (schema `public`) never see it. */
export const POSTGRES_SEARCH_SCHEMA = 'soundtrack_search'

const S = POSTGRES_SEARCH_SCHEMA
const DOCS = `${S}.documents`
const WORDS = `${S}.words`
/** `simple` with `unaccent` first: lower case, accents folded, no stemming (names are not English). */
const CONFIG = `${S}.folded`
/** ts_rank weights {D, C, B, A}: titles (A), names (B), bodies (C); the relevance within a tier (see RANKING_TIERS). */
const WEIGHTS = `'{0.05, 0.2, 0.5, 1.0}'`
/** The tsvector label of each field of a document's text. */
const LABELS: Record<SearchField, string> = { title: 'A', names: 'B', body: 'C' }

/** Where CREATE EXTENSION put a module (it may be any schema): its dictionary and operator are named through it. */
const extensionSchema = `(SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = `

const structures = (unaccentSchema: string) => [
  `CREATE TABLE IF NOT EXISTS ${DOCS} (type text NOT NULL, doc_id text NOT NULL, title text NOT NULL, slug text, url text,
     film_title text, film_slug text, title_text text NOT NULL, names_text text NOT NULL, body_text text NOT NULL,
     document tsvector NOT NULL, PRIMARY KEY (type, doc_id))`,
  `CREATE INDEX IF NOT EXISTS documents_document_idx ON ${DOCS} USING gin (document)`,
  `CREATE TABLE IF NOT EXISTS ${WORDS} (word text PRIMARY KEY)`,
  `DO $$ BEGIN CREATE TEXT SEARCH CONFIGURATION ${CONFIG} (COPY = pg_catalog.simple);
     EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$`,
  `ALTER TEXT SEARCH CONFIGURATION ${CONFIG} ALTER MAPPING FOR hword, hword_part, word
     WITH "${unaccentSchema.replace(/"/g, '""')}".unaccent, pg_catalog.simple`,
]

const tsvector = (doc: SearchDocument) =>
  `setweight(to_tsvector('${CONFIG}', ${literal(doc.text.title)}), '${LABELS.title}') || ` +
  `setweight(to_tsvector('${CONFIG}', ${literal(doc.text.names)}), '${LABELS.names}') || ` +
  `setweight(to_tsvector('${CONFIG}', ${literal(doc.text.body)}), '${LABELS.body}')`

/** PostgreSQL: a tsvector (weights A, B, C) with `unaccent`, tiers by weight then ts_rank, and `pg_trgm` over the indexed words for typos. */
export const postgresSearchStore = (db: SQLAdapter): SearchStore => {
  const run = sqlRunner(db)
  let trigramOperator: string | undefined

  const similarWords = async (word: string): Promise<string[]> => {
    trigramOperator ??= `OPERATOR("${String(
      (await run(`SELECT ${extensionSchema}'pg_trgm') AS schema`)).at(0)?.schema ?? 'public',
    ).replace(/"/g, '""')}".%)`
    const rows = await run(
      `SELECT word FROM ${WORDS} WHERE word ${trigramOperator} ${literal(word)}
         AND length(word) BETWEEN ${word.length - 1} AND ${word.length + 1} LIMIT 200`,
    )
    return rows.map((row) => String(row.word)).filter((term) => term !== word && isOneEditApart(term, word))
  }

  /** A word as tsquery terms: itself (and, last, what starts with it), or the indexed words one typo away. */
  const alternatives = async (word: string, isPrefix: boolean): Promise<string[]> => {
    const self = `'${word}'${isPrefix ? ':*' : ''}`
    if (word.length < TYPO_MIN_LENGTH) {
      return [self]
    }
    const exact = isPrefix ? `word LIKE ${literal(`${word}%`)}` : `word = ${literal(word)}`
    if ((await run(`SELECT 1 FROM ${WORDS} WHERE ${exact} LIMIT 1`)).length) {
      return [self]
    }
    return [self, ...(await similarWords(word)).slice(0, 16).map((term) => `'${term}'`)]
  }

  return {
    ensure: async (req) => {
      await run('CREATE EXTENSION IF NOT EXISTS unaccent', req)
      await run('CREATE EXTENSION IF NOT EXISTS pg_trgm', req)
      await run(`CREATE SCHEMA IF NOT EXISTS ${S}`, req)
      const [{ schema }] = (await run(`SELECT ${extensionSchema}'unaccent') AS schema`, req)) as { schema: string }[]
      for (const statement of structures(schema)) {
        await run(statement, req)
      }
      const [{ trgm }] = (await run(`SELECT ${extensionSchema}'pg_trgm') AS trgm`, req)) as { trgm: string }[]
      await run(
        `CREATE INDEX IF NOT EXISTS words_word_trgm_idx ON ${WORDS} USING gin (word "${trgm.replace(/"/g, '""')}".gin_trgm_ops)`,
        req,
      )
    },
    write: async (documents, gone, req) => {
      if (gone.length) {
        const keys = gone.map((key) => `(${literal(key.type)}, ${literal(key.id)})`).join(', ')
        await run(`DELETE FROM ${DOCS} WHERE (type, doc_id) IN (${keys})`, req)
      }
      for (let start = 0; start < documents.length; start += 200) {
        const batch = documents.slice(start, start + 200)
        const values = batch.map(
          (doc) =>
            `(${[
              doc.type,
              doc.id,
              doc.title,
              doc.slug,
              doc.url,
              doc.film?.title,
              doc.film?.slug,
              doc.text.title,
              doc.text.names,
              doc.text.body,
            ]
              .map(literal)
              .join(', ')}, ${tsvector(doc)})`,
        )
        await run(
          `INSERT INTO ${DOCS} (type, doc_id, title, slug, url, film_title, film_slug, title_text, names_text, body_text, document)
           VALUES ${values.join(', ')}
           ON CONFLICT (type, doc_id) DO UPDATE SET title = EXCLUDED.title, slug = EXCLUDED.slug, url = EXCLUDED.url,
             film_title = EXCLUDED.film_title, film_slug = EXCLUDED.film_slug, title_text = EXCLUDED.title_text,
             names_text = EXCLUDED.names_text, body_text = EXCLUDED.body_text, document = EXCLUDED.document`,
          req,
        )
        // Words of deleted documents stay: a typo expanded to one of them finds nothing, as it should.
        await run(
          `INSERT INTO ${WORDS} (word) SELECT DISTINCT unnest(tsvector_to_array(document)) FROM ${DOCS}
             WHERE (type, doc_id) IN (${batch.map((doc) => `(${literal(doc.type)}, ${literal(doc.id)})`).join(', ')})
           ON CONFLICT DO NOTHING`,
          req,
        )
      }
    },
    clear: async (req) => {
      await run(`DELETE FROM ${DOCS}`, req)
    },
    search: async ({ words, type, limit, page }: SearchQuery) => {
      const groups = await Promise.all(words.map((word, index) => alternatives(word, index === words.length - 1)))
      /** Every word within these weights' labels (all of them: the whole query). */
      const within = (labels: string) =>
        `to_tsquery('${CONFIG}', ${literal(
          groups
            .map(
              (terms) =>
                `(${terms.map((term) => (labels && !term.endsWith(':*') ? `${term}:${labels}` : `${term}${labels}`)).join(' | ')})`,
            )
            .join(' & '),
        )})`
      const query = within('')
      // The first tier whose fields hold every word (RANKING_TIERS), computed for matches only.
      const tier = `CASE ${RANKING_TIERS.slice(0, -1)
        .map(
          (fields, index) => `WHEN document @@ ${within(fields.map((field) => LABELS[field]).join(''))} THEN ${index}`,
        )
        .join(' ')} ELSE ${RANKING_TIERS.length - 1} END`
      const facets = emptyFacets()
      for (const row of await run(`SELECT type, count(*) AS n FROM ${DOCS} WHERE document @@ ${query} GROUP BY type`)) {
        facets[row.type as SearchType] = Number(row.n)
      }
      const options = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "`
      const rows = await run(
        `SELECT type, doc_id, title, slug, url, film_title, film_slug,
           ts_headline('${CONFIG}', concat_ws(' · ', title_text, nullif(names_text, ''), nullif(body_text, '')), q, ${literal(options)}) AS marked
         FROM (
           SELECT *, ${query} AS q FROM ${DOCS} WHERE document @@ ${query}${type ? ` AND type = ${literal(type)}` : ''}
           ORDER BY ${tier}, ts_rank(${WEIGHTS}, document, ${query}, 1) DESC, type, doc_id LIMIT ${limit} OFFSET ${(page - 1) * limit}
         ) hits ORDER BY ${tier}, ts_rank(${WEIGHTS}, document, q, 1) DESC, type, doc_id`,
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
