'use client'

import type { SearchType } from '../search/documents.js'
import type { SearchResponse, SearchResult } from '../search/endpoints.js'

import { Link, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React, { useEffect, useId, useRef, useState } from 'react'

import { fetchJSON, useApiURL } from './api.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

/** How the groups are ordered, as on the reader site's /search. */
const GROUPS: SearchType[] = ['review', 'film', 'composer', 'track']
/** Results shown of each kind: every kind gets its place, whichever ranks higher overall. */
const PER_KIND = 5
/** Typing pauses this long before the search is asked. */
const DEBOUNCE_MS = 200

type Props = {
  /** Each kind's collection slug (the plugin's, after overrides). */
  collections: Record<SearchType, string>
}

/** Each kind's first results and the counts of all. */
type Answer = { facets: SearchResponse['facets']; results: Record<SearchType, SearchResult[]> }

/** The last answer stays while the next is asked for; `failed` is the HTTP status of a failed search (0: unreachable). */
type State = { answer: Answer | null; isLoading: boolean; failed?: number }

/**
 * The nav's search box: the published reviews, films, composers and tracks together, through
 * `GET /api/search` with the editor's cookie (each kind its own page of results, so a kind that ranks
 * lower overall still shows); each result opens its document. Enter opens the first;
 * the arrow keys move between the input and the results, Escape clears.
 */
export const AdminSearch = ({ collections }: Props) => {
  const {
    config: { routes, serverURL },
  } = useConfig()
  const apiURL = useApiURL()
  const { t } = useSoundtrackTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const [state, setState] = useState<State>({ answer: null, isLoading: false })
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const q = query.trim()
    if (q === '') {
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setState((last) => ({ answer: last.answer, isLoading: true }))
      const ask = (type: SearchType) =>
        fetchJSON<SearchResponse>(`${apiURL('/search')}?${new URLSearchParams({ q, type, limit: String(PER_KIND) })}`, {
          signal: controller.signal,
        })
      Promise.all(GROUPS.map(ask))
        .then((answers) => {
          const failed = answers.find(({ status }) => status !== 200)
          setState(
            failed
              ? { answer: null, isLoading: false, failed: failed.status }
              : {
                  answer: {
                    facets: answers[0].body.facets,
                    results: Object.fromEntries(
                      GROUPS.map((type, index) => [type, answers[index].body.results]),
                    ) as Answer['results'],
                  },
                  isLoading: false,
                },
          )
        })
        .catch(() => {
          if (!controller.signal.aborted) {
            setState({ answer: null, isLoading: false, failed: 0 })
          }
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [apiURL, query])

  const hrefOf = (result: SearchResult) =>
    formatAdminURL({
      adminRoute: routes.admin,
      serverURL,
      path: `/collections/${collections[result.type]}/${encodeURIComponent(String(result.id))}`,
    })

  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])]

  const onInputKey = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      links()[0]?.click()
    } else if (event.key === 'ArrowDown') {
      event.preventDefault()
      links()[0]?.focus()
    } else if (event.key === 'Escape') {
      setQuery('')
    }
  }

  const onListKey = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const all = links()
    const at = all.indexOf(document.activeElement as HTMLAnchorElement)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = at + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) {
        input.current?.focus()
      } else {
        all[Math.min(next, all.length - 1)]?.focus()
      }
    } else if (event.key === 'Escape') {
      setQuery('')
      input.current?.focus()
    }
  }

  const isEmpty = query.trim() === ''
  const answer = isEmpty ? null : state.answer
  const total = answer ? GROUPS.reduce((sum, type) => sum + answer.facets[type], 0) : 0
  const status = isEmpty
    ? ''
    : state.isLoading
      ? t('soundtrackReviews:search.searching')
      : state.failed !== undefined
        ? t('soundtrackReviews:search.failed', { status: state.failed })
        : answer
          ? total === 0
            ? t('soundtrackReviews:search.none')
            : [
                t('soundtrackReviews:search.found', { count: total }),
                ...(GROUPS.some((type) => answer.facets[type] > PER_KIND)
                  ? [t('soundtrackReviews:search.perKind', { shown: PER_KIND })]
                  : []),
              ].join(' ')
          : ''

  return (
    <div className="admin-search" role="search">
      <label className="admin-search__label" htmlFor={`${id}-q`}>
        {t('soundtrackReviews:search.label')}
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        className="admin-search__input"
        type="search"
        autoComplete="off"
        value={query}
        aria-describedby={`${id}-status`}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onInputKey}
      />
      <p id={`${id}-status`} className="admin-search__status" role="status">
        {status}
      </p>
      {answer && total > 0 ? (
        <div ref={list} className="admin-search__results" onKeyDown={onListKey}>
          {GROUPS.filter((type) => answer.results[type].length > 0).map((type) => (
            <section key={type} aria-labelledby={`${id}-${type}`}>
              <h3 id={`${id}-${type}`} className="admin-search__group">
                {t(`soundtrackReviews:search.type.${type}`, { count: answer.facets[type] })}
              </h3>
              <ul>
                {answer.results[type].map((result) => (
                  <li key={`${type}-${result.id}`}>
                    <Link href={hrefOf(result)} className="admin-search__result" prefetch={false}>
                      <span className="admin-search__title">{result.title}</span>
                      {result.film && type !== 'film' ? (
                        <span className="admin-search__film">{result.film.title}</span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
    </div>
  )
}
