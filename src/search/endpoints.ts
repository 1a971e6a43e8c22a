import type { Endpoint, PayloadRequest } from 'payload'

import type { SearchType } from './documents.js'

import { hasRole } from '../access/roles.js'
import { cachedEndpoint } from '../cache/publicCache.js'
import { invalidateTags } from '../cache/tagVersions.js'
import { TAGS } from '../changes/tags.js'
import { json, text } from '../endpoints/respond.js'
import { SEARCH_TYPES } from './documents.js'
import { rebuildSearchIndex, searchStoreOf } from './searchIndex.js'
import { emptyFacets } from './store.js'
import { queryWords, snippetHTML } from './text.js'

/** Only the search's answers depend on it: a rebuild makes them stale, and nothing else. */
const SEARCH_TAG = 'search'

/** What a search answer is built from: a page that shows one (the reader site's /search) is kept by the same tags. */
export const SEARCH_CACHE_TAGS: readonly string[] = [TAGS.reviews, TAGS.films, TAGS.tracks, TAGS.composers, SEARCH_TAG]

export const SEARCH_DEFAULT_LIMIT = 20
export const SEARCH_MAX_LIMIT = 100

/** One result as a frontend gets it: `snippet` is HTML (escaped text, matches in `<mark>`). */
export type SearchResult = {
  type: SearchType
  id: number | string
  title: string
  slug: null | string
  url?: string
  snippet: string
  film?: { title: string; slug: null | string }
}

export type SearchResponse = {
  query: string
  results: SearchResult[]
  total: number
  facets: Record<SearchType, number>
}

export type SearchParams = { q: string; type?: SearchType; limit: number; page: number }

/** `q`, `type`, `limit` and `page` as the endpoint reads them, or the first one that is wrong (a 400's error). */
export const parseSearchParams = (params: URLSearchParams): SearchParams | { path: string; message: string } => {
  const q = params.get('q')
  if (q === null || q.trim() === '') {
    return { path: 'q', message: '“q” is required: the words to search for.' }
  }
  const type = params.get('type') ?? undefined
  if (type !== undefined && !(SEARCH_TYPES as readonly string[]).includes(type)) {
    return { path: 'type', message: `“type” must be one of ${SEARCH_TYPES.join(', ')}.` }
  }
  const limit = params.get('limit') ?? String(SEARCH_DEFAULT_LIMIT)
  if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1 || Number(limit) > SEARCH_MAX_LIMIT) {
    return { path: 'limit', message: `“limit” must be a whole number from 1 to ${SEARCH_MAX_LIMIT}.` }
  }
  const page = params.get('page') ?? '1'
  if (!/^\d{1,6}$/.test(page) || Number(page) < 1) {
    return { path: 'page', message: '“page” must be a whole number from 1 to 999999.' }
  }
  return { q, type: type as SearchType | undefined, limit: Number(limit), page: Number(page) }
}

/** The id as Payload spells it on this database: numbers on SQL by default, strings on MongoDB. */
const asID = (req: PayloadRequest, id: string): number | string =>
  req.payload.db.defaultIDType === 'number' && /^\d+$/.test(id) ? Number(id) : id

/** Searches the index of published content; see README, Search. */
export const searchPublished = async (
  req: PayloadRequest,
  { q, type, limit, page }: SearchParams,
): Promise<SearchResponse> => {
  const words = queryWords(q)
  // The query is echoed as data (JSON), cut to what was searched.
  const query = q.slice(0, 200)
  if (words.length === 0) {
    return { query, results: [], total: 0, facets: emptyFacets() }
  }
  const { hits, facets } = await searchStoreOf(req.payload).search({ words, type, limit, page })
  return {
    query,
    total: type ? facets[type] : Object.values(facets).reduce((sum, n) => sum + n, 0),
    facets,
    results: hits.map(({ type: kind, id, title, slug, url, film, marked }) => ({
      type: kind,
      id: asID(req, id),
      title,
      slug,
      ...(url ? { url } : {}),
      snippet: snippetHTML(marked),
      ...(film ? { film } : {}),
    })),
  }
}

/** `GET /api/search?q=&type=&limit=&page=`: public, published only, cached until reviews or the catalog change. */
export const searchEndpoint: Endpoint = cachedEndpoint(
  {
    path: '/search',
    method: 'get',
    handler: async (req) => {
      const parsed = parseSearchParams(req.searchParams)
      if ('message' in parsed) {
        return json(req, { errors: [parsed] }, 400)
      }
      // `<`, `>` and `&` as JSON escapes: the query text never reaches a page as markup, even one that sniffs.
      const body = JSON.stringify(await searchPublished(req, parsed)).replace(
        /[<>&]/g,
        (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
      return text(req, body, 'application/json; charset=utf-8')
    },
  },
  undefined,
  () => [...SEARCH_CACHE_TAGS],
)

/** `POST /api/search/reindex` (admins): the index rebuilt from the published content. */
export const reindexSearchEndpoint: Endpoint = {
  path: '/search/reindex',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin')) {
      return json(req, { errors: [{ message: 'Only admins can rebuild the search index.' }] }, 403)
    }
    const indexed = await rebuildSearchIndex(req.payload)
    await invalidateTags(req.payload, [SEARCH_TAG])
    return json(req, { indexed })
  },
}
