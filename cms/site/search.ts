import type { Payload } from 'payload'

import type { SearchResponse, SearchResult, SearchType } from 'payload-soundtrack-reviews'

import { createLocalReq } from 'payload'

import { parseSearchParams, searchPublished } from 'payload-soundtrack-reviews'

import { composerPath, filmPath, reviewPath } from './content'

/** The order a reader meets the groups in, and what each is called. */
export const SEARCH_GROUPS: { type: SearchType; label: string; one: string }[] = [
  { type: 'review', label: 'Reviews', one: 'review' },
  { type: 'film', label: 'Films', one: 'film' },
  { type: 'composer', label: 'Composers', one: 'composer' },
  { type: 'track', label: 'Tracks', one: 'track' },
]

/** Results per group when all kinds are shown; the group's own listing pages through the rest. */
export const GROUP_PREVIEW = 5
/** Results per page of one kind. */
export const PAGE_SIZE = 20

export type SearchPage =
  /** No words yet: the plain form. */
  | { kind: 'form' }
  /** A parameter the search refuses (`type`, `page`): said on the page, with status 400. */
  | { kind: 'invalid'; message: string }
  /** All four kinds, each its first results. */
  | { kind: 'groups'; query: string; facets: SearchResponse['facets']; groups: Record<SearchType, SearchResult[]> }
  /** One kind, a page of it. */
  | {
      kind: 'type'
      query: string
      type: SearchType
      facets: SearchResponse['facets']
      results: SearchResult[]
      page: number
      pages: number
    }

/** Control characters as spaces: the query is shown back as text, and a NUL has no place in HTML. */
const printable = (text: string): string => text.replace(/\p{Cc}/gu, ' ')

/**
 * `/search?q=&type=&page=` through the plugin's own search (published content, as the API answers
 * it, parameters checked by the same rule): each kind's first results, or one kind a page at a time.
 */
export const loadSearch = async (payload: Payload, params: URLSearchParams): Promise<SearchPage> => {
  if ((params.get('q') ?? '').trim() === '') {
    return { kind: 'form' }
  }
  const type = params.get('type')
  const asked = new URLSearchParams({ q: params.get('q') ?? '', page: params.get('page') ?? '1' })
  asked.set('limit', String(type === null ? GROUP_PREVIEW : PAGE_SIZE))
  if (type !== null) {
    asked.set('type', type)
  }
  const parsed = parseSearchParams(asked)
  if ('message' in parsed) {
    return { kind: 'invalid', message: parsed.message }
  }
  const req = await createLocalReq({}, payload)
  if (parsed.type) {
    const { query, facets, results, total } = await searchPublished(req, parsed)
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    return { kind: 'type', query: printable(query), type: parsed.type, facets, results, page: parsed.page, pages }
  }
  const answers = await Promise.all(
    SEARCH_GROUPS.map(({ type: each }) => searchPublished(req, { ...parsed, type: each, page: 1 })),
  )
  return {
    kind: 'groups',
    query: printable(answers[0].query),
    facets: answers[0].facets,
    groups: Object.fromEntries(SEARCH_GROUPS.map(({ type: each }, index) => [each, answers[index].results])) as Record<
      SearchType,
      SearchResult[]
    >,
  }
}

/** A search's own address: what the facet and paging links point at. */
export const searchPath = ({ q, type, page }: { q: string; type?: SearchType; page?: number }): string => {
  const params = new URLSearchParams({ q })
  if (type) {
    params.set('type', type)
  }
  if (page && page > 1) {
    params.set('page', String(page))
  }
  return `/search?${params}`
}

/** Where a result is read on this site: a track on its film's page, where its album is. */
export const resultPath = (result: SearchResult): null | string => {
  const slug = result.type === 'track' ? result.film?.slug : result.slug
  if (!slug) {
    return null
  }
  return result.type === 'review' ? reviewPath(slug) : result.type === 'composer' ? composerPath(slug) : filmPath(slug)
}
