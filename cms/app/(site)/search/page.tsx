import type { SearchResult, SearchType } from 'payload-soundtrack-reviews'

import type { SearchPage as Loaded } from '../../../site/search'

import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { siteOptions } from '../../../site/options'
import { loadSearch, PAGE_SIZE, resultPath, SEARCH_GROUPS, searchPath } from '../../../site/search'
import { BAD_REQUEST_MARK } from '../../../site/status'

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The query string as the reader sent it (a repeated name: its first value, as URLSearchParams reads it). */
const paramsOf = (raw: Record<string, string | string[] | undefined>): URLSearchParams => {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) {
      params.set(name, first)
    }
  }
  return params
}

const countOf = (count: number, one: string): string => `${count} ${count === 1 ? one : `${one}s`}`

const groupOf = (type: SearchType) => SEARCH_GROUPS.find((group) => group.type === type)!

const SearchForm = ({ query = '' }: { query?: string }) => (
  <form role="search" aria-label="The column" action="/search" method="get" className="search-form">
    <label htmlFor="search-q">Reviews, films, composers and tracks</label>
    <div className="search-form__row">
      <input id="search-q" type="search" name="q" defaultValue={query} autoComplete="off" />
      <button type="submit">Search</button>
    </div>
  </form>
)

/**
 * One result: its title linked to where it is read. The plugin's snippet is HTML it escaped itself,
 * with the matched words in `<mark>`: shown as the title when it is the title, else under it.
 */
const Result = ({ result }: { result: SearchResult }) => {
  const href = resultPath(result)
  const snippetText = result.snippet
    .replace(/<\/?mark>/g, '')
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!,
    )
  const isTitle = snippetText === result.title
  const title = isTitle ? <span dangerouslySetInnerHTML={{ __html: result.snippet }} /> : result.title
  return (
    <li className="search-result">
      <p className="search-result__title">{href ? <a href={href}>{title}</a> : title}</p>
      {result.film && result.type !== 'film' ? (
        <p className="search-result__meta">
          {result.type === 'track' ? 'A track of ' : 'On '}
          <cite>{result.film.title}</cite>
        </p>
      ) : null}
      {isTitle ? null : <p className="search-result__snippet" dangerouslySetInnerHTML={{ __html: result.snippet }} />}
    </li>
  )
}

/** Counts by kind, each a link to that kind alone (the one shown is the current page). */
const Facets = ({
  query,
  current,
  facets,
}: {
  query: string
  current?: SearchType
  facets: Record<SearchType, number>
}) => {
  const total = SEARCH_GROUPS.reduce((sum, { type }) => sum + facets[type], 0)
  const item = (key: string, label: string, count: number, href: string, isCurrent: boolean) => (
    <li key={key}>
      {isCurrent ? (
        <a href={href} aria-current="page">
          {label} <span className="facet__count">{count}</span>
        </a>
      ) : count > 0 ? (
        <a href={href}>
          {label} <span className="facet__count">{count}</span>
        </a>
      ) : (
        <span className="muted">
          {label} <span className="facet__count">0</span>
        </span>
      )}
    </li>
  )
  return (
    <nav aria-label="Kinds of result" className="facets">
      <ul>
        {item('all', 'All', total, searchPath({ q: query }), current === undefined)}
        {SEARCH_GROUPS.map(({ type, label }) =>
          item(type, label, facets[type], searchPath({ q: query, type }), current === type),
        )}
      </ul>
    </nav>
  )
}

const Paging = ({ query, type, page, pages }: { query: string; type: SearchType; page: number; pages: number }) =>
  pages > 1 ? (
    <nav aria-label="Pages of results" className="paging">
      {page > 1 ? (
        <a href={searchPath({ q: query, type, page: page - 1 })} rel="prev">
          Previous
        </a>
      ) : null}
      <span>{`Page ${page} of ${pages}`}</span>
      {page < pages ? (
        <a href={searchPath({ q: query, type, page: page + 1 })} rel="next">
          Next
        </a>
      ) : null}
    </nav>
  ) : null

const Results = ({ loaded }: { loaded: Loaded }) => {
  switch (loaded.kind) {
    case 'form':
      return <SearchForm />
    case 'invalid':
      return (
        <>
          <meta name={BAD_REQUEST_MARK.name} content={BAD_REQUEST_MARK.content} />
          <SearchForm />
          <p role="alert">This search address cannot be answered: {loaded.message}</p>
        </>
      )
    case 'groups': {
      const { query, facets, groups } = loaded
      const found = SEARCH_GROUPS.filter(({ type }) => facets[type] > 0)
      return (
        <>
          <SearchForm query={query} />
          <Facets query={query} facets={facets} />
          {found.length === 0 ? (
            <p className="search-status">
              Nothing published matches “{query}”. Try fewer words, or the start of a name.
            </p>
          ) : (
            found.map(({ type, label, one }) => (
              <section key={type} aria-labelledby={`results-${type}`} className="search-group">
                <h2 id={`results-${type}`}>
                  {label} <span className="facet__count">{facets[type]}</span>
                </h2>
                <ol className="search-results">
                  {groups[type].map((result) => (
                    <Result key={String(result.id)} result={result} />
                  ))}
                </ol>
                {facets[type] > groups[type].length ? (
                  <p className="more">
                    <a href={searchPath({ q: query, type })}>All {countOf(facets[type], one)}</a>
                  </p>
                ) : null}
              </section>
            ))
          )}
        </>
      )
    }
    case 'type': {
      const { query, type, facets, results, page, pages } = loaded
      const { label, one } = groupOf(type)
      return (
        <>
          <SearchForm query={query} />
          <Facets query={query} current={type} facets={facets} />
          <section aria-labelledby="results-type" className="search-group">
            <h2 id="results-type">
              {label} <span className="facet__count">{facets[type]}</span>
            </h2>
            {results.length > 0 ? (
              <ol className="search-results" start={(page - 1) * PAGE_SIZE + 1}>
                {results.map((result) => (
                  <Result key={String(result.id)} result={result} />
                ))}
              </ol>
            ) : (
              <p className="search-status">
                {facets[type] === 0
                  ? `No published ${one} matches “${query}”.`
                  : `There is no page ${page}: the ${countOf(facets[type], one)} fit on ${pages}.`}
              </p>
            )}
            <Paging query={query} type={type} page={page} pages={pages} />
          </section>
        </>
      )
    }
  }
}

/** `/search?q=`: the column's published reviews, films, composers and tracks, grouped by kind. Never indexed. */
const SearchPage = async ({ searchParams }: Props) => {
  const loaded = await loadSearch(await getPayload({ config }), paramsOf(await searchParams))
  const query = loaded.kind === 'groups' || loaded.kind === 'type' ? loaded.query : null
  return (
    <>
      <title>{`${query ? `“${query}” · ` : ''}Search · ${siteOptions.publisher.name}`}</title>
      <meta name="robots" content="noindex" />
      <h1 className="page-title">Search</h1>
      <Results loaded={loaded} />
    </>
  )
}

export default SearchPage
