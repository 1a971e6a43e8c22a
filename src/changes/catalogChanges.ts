import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ID } from '../relationID.js'
import type { Affected } from './affected.js'

import { relationID } from '../relationID.js'
import { recordChanges } from './feed.js'
import { TAGS } from './tags.js'

type CatalogDoc = { id: ID; slug?: null | string; film?: unknown }

/** Films, tracks and composers show in each other's REST answers (joins, depth): a change to one is a change to all three lists. */
const CATALOG_TAGS = [TAGS.films, TAGS.tracks, TAGS.composers]

const slugsOf = (...docs: (CatalogDoc | undefined)[]): string[] => [
  ...new Set(docs.map((doc) => doc?.slug).filter((slug): slug is string => Boolean(slug))),
]

const filmsOf = (...docs: (CatalogDoc | undefined)[]): ID[] =>
  docs.map((doc) => relationID(doc?.film)).filter((id): id is ID => id !== undefined)

/** What a write of this catalog document changed: its own tags, and what it affects (resolved before the commit). */
const describe = {
  film: (doc: CatalogDoc, previous?: CatalogDoc) => ({
    tags: [...CATALOG_TAGS, TAGS.film(doc.id), ...slugsOf(doc, previous).map(TAGS.filmSlug)],
    affects: { films: [doc.id], composers: [] } satisfies Affected,
  }),
  track: (doc: CatalogDoc, previous?: CatalogDoc) => {
    const films = [...new Set(filmsOf(doc, previous))]
    return { tags: [...CATALOG_TAGS, ...films.map(TAGS.film)], affects: { films, composers: [] } satisfies Affected }
  },
  composer: (doc: CatalogDoc, previous?: CatalogDoc) => ({
    tags: [...CATALOG_TAGS, TAGS.composer(doc.id), ...slugsOf(doc, previous).map(TAGS.composerSlug)],
    affects: { films: [], composers: [doc.id] } satisfies Affected,
  }),
}

export type CatalogKind = keyof typeof describe

/**
 * A catalog document changed. `written` names what changed in it when that is not the document's
 * own text (`filmTotals`: the runtime repair), so a consumer such as the search index can skip it.
 */
export const recordCatalogChange = (
  req: PayloadRequest,
  kind: CatalogKind,
  doc: CatalogDoc,
  previous?: CatalogDoc,
  written: string = kind,
): Promise<void> =>
  recordChanges(req, [{ ...describe[kind](doc, previous), urls: [], data: { type: written, id: doc.id } }])

/**
 * Films, tracks and composers are public as soon as they are written: every write changes their
 * lists, and every published review that shows them hears `review.updated`.
 */
export const recordCatalogWrite =
  (kind: CatalogKind): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, req }) => {
    await recordCatalogChange(req, kind, doc as CatalogDoc, previousDoc as CatalogDoc | undefined)
    return doc
  }

export const recordCatalogDeletion =
  (kind: CatalogKind): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    await recordCatalogChange(req, kind, doc as CatalogDoc)
    return doc
  }
