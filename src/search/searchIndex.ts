import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

import type { Change } from '../changes/types.js'
import type { ID } from '../relationID.js'
import type { SearchType } from './documents.js'
import type { SearchStore } from './store.js'

import { oneAtATime } from '../oneAtATime.js'
import { relationID } from '../relationID.js'
import { slugsOf } from '../settings.js'
import { rawSQLAdapter } from '../sqlAdapter.js'
import { buildSearchDocuments } from './documents.js'
import { MONGO_SEARCH_COLLECTION, mongoSearchStore } from './mongoStore.js'
import { postgresSearchStore } from './postgresStore.js'
import { sqliteSearchStore } from './sqliteStore.js'

const stores = new WeakMap<Payload, SearchStore>()

/** The index of this Payload's database: FTS5 on SQLite, tsvector on PostgreSQL, a text index on MongoDB. */
export const searchStoreOf = (payload: Payload): SearchStore => {
  const known = stores.get(payload)
  if (known) {
    return known
  }
  const sql = rawSQLAdapter(payload.db)
  const store = sql
    ? sql.name === 'postgres'
      ? postgresSearchStore(sql)
      : sqliteSearchStore(sql)
    : mongoSearchStore(() =>
        (payload.db as unknown as { connection: { collection: (name: string) => never } }).connection.collection(
          MONGO_SEARCH_COLLECTION,
        ),
      )
  stores.set(payload, store)
  return store
}

/** Creates the index's structures (a migration's `up`, or at start over a pushed schema). */
export const createSearchIndex = (payload: Payload, req?: PayloadRequest): Promise<void> =>
  searchStoreOf(payload).ensure(req)

const PAGE = 1_000

const allIDs = async (payload: Payload, collection: string, where: Where, req?: PayloadRequest): Promise<ID[][]> => {
  const pages: ID[][] = []
  for (let page = 1; ; page++) {
    const found = await payload.find({
      collection: collection as CollectionSlug,
      where,
      select: {},
      depth: 0,
      joins: false,
      limit: PAGE,
      page,
      sort: 'id',
      overrideAccess: true,
      ...(req ? { req } : {}),
    })
    pages.push(found.docs.map(({ id }) => id))
    if (!found.hasNextPage) {
      return pages
    }
  }
}

const writes = oneAtATime()

/**
 * Every published review, film, composer and track indexed afresh (the reindex endpoint, a
 * migration). Counts what it indexed.
 */
export const rebuildSearchIndex = (payload: Payload, req?: PayloadRequest): Promise<Record<SearchType, number>> =>
  writes(payload, async () => {
    const store = searchStoreOf(payload)
    const slugs = slugsOf(payload)
    await store.ensure(req)
    await store.clear(req)
    const counts: Record<SearchType, number> = { review: 0, film: 0, composer: 0, track: 0 }
    const sources: [SearchType, string, Where][] = [
      ['review', slugs.reviews, { _status: { equals: 'published' } }],
      ['film', slugs.films, {}],
      ['composer', slugs.composers, {}],
      ['track', slugs.tracks, {}],
    ]
    for (const [type, collection, where] of sources) {
      for (const ids of await allIDs(payload, collection, where, req)) {
        const { documents } = await buildSearchDocuments(payload, { [type]: ids }, req)
        await store.write(documents, [], req)
        counts[type] += documents.length
      }
    }
    return counts
  })

const FILM_TAG = /^film:(?!slug:)(.+)$/

/** The films a change's tags name (`film:<id>`), as ids of the films collection. */
const filmsTagged = (tags: string[]): ID[] =>
  tags.flatMap((tag) => {
    const id = FILM_TAG.exec(tag)?.[1]
    return id === undefined ? [] : [/^\d+$/.test(id) ? Number(id) : id]
  })

/** What one committed transaction's changes name, by type: the documents to index again (or remove). */
const namedIn = async (payload: Payload, changes: Change[]): Promise<Record<SearchType, ID[]>> => {
  const named: Record<SearchType, ID[]> = { review: [], film: [], composer: [], track: [] }
  /** Films whose words hold a changed track's title: indexed again, their other tracks not. */
  const filmsOfTracks: ID[] = []
  for (const { event, data, tags } of changes) {
    const id = relationID(data.id)
    if (id === undefined) {
      continue
    }
    if (event?.startsWith('review.')) {
      named.review.push(id)
    } else if (!event && (data.type === 'film' || data.type === 'track' || data.type === 'composer')) {
      named[data.type].push(id)
      // A deleted track's film is known only from the change's tags (`film:<id>`); its words change too.
      if (data.type === 'track') {
        filmsOfTracks.push(...filmsTagged(tags))
      }
    }
  }
  const { films, reviews, tracks } = slugsOf(payload)
  const related = async (collection: string, where: Where, pick: (doc: Record<string, unknown>) => unknown) =>
    (
      await payload.find({
        collection: collection as CollectionSlug,
        where,
        depth: 0,
        pagination: false,
        joins: false,
        overrideAccess: true,
      })
    ).docs
      .flatMap((doc) => [pick(doc as Record<string, unknown>)].flat().map(relationID))
      .filter((id): id is ID => id !== undefined)
  if (named.track.length) {
    filmsOfTracks.push(...(await related(tracks, { id: { in: named.track } }, (track) => track.film)))
  }
  const changedFilms = [...named.film]
  if (named.composer.length) {
    named.film.push(...(await related(films, { composers: { in: named.composer } }, (film) => film.id)))
    named.track.push(...(await related(tracks, { composers: { in: named.composer } }, (track) => track.id)))
  }
  // A film's own change (its title, its composers) is in every one of its tracks' words; a track's
  // change is in its film's words only, so a track save costs the same in a film of 10 or 1,000 tracks.
  if (named.film.length) {
    named.track.push(...(await related(tracks, { film: { in: named.film } }, (track) => track.id)))
    // A film's title and composers are in its reviews' words too, and its title in its composers'.
    named.review.push(...(await related(reviews, { film: { in: named.film } }, (review) => review.id)))
  }
  if (changedFilms.length) {
    named.composer.push(...(await related(films, { id: { in: changedFilms } }, (film) => film.composers)))
  }
  named.film.push(...filmsOfTracks)
  const unique = (list: ID[]) => [...new Map(list.map((id) => [String(id), id])).values()]
  return {
    review: unique(named.review),
    film: unique(named.film),
    composer: unique(named.composer),
    track: unique(named.track),
  }
}

/**
 * After a commit, from the change feed: the documents its changes name are indexed again — a
 * review that is no longer published, and anything deleted, removed. Never throws: a failure is
 * logged, and `POST /api/search/reindex` repairs.
 */
export const updateSearchIndex = (payload: Payload, changes: Change[]): Promise<void> =>
  writes(payload, async () => {
    try {
      const named = await namedIn(payload, changes)
      if (Object.values(named).every((list) => list.length === 0)) {
        return
      }
      const { documents, gone } = await buildSearchDocuments(payload, named)
      await searchStoreOf(payload).write(documents, gone)
    } catch (error) {
      payload.logger.error({ err: error }, 'soundtrackReviews: updating the search index failed')
    }
  })
