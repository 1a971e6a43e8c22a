import type { ReactNode } from 'react'

import type { ReviewPageTrack } from 'payload-soundtrack-reviews'

import type { ComposerLink, ReviewSummary } from '../../../site/content'

import React, { Fragment } from 'react'

import { composerPath, filmPath, reviewPath } from '../../../site/content'
import { formatDate, isoDuration, plural } from '../../../site/format'
import { siteOptions } from '../../../site/options'

/** The page's head: React places these in `<head>` (no streaming: every page awaits its data first). */
export const PageMeta = ({
  title,
  description,
  canonical,
  type = 'website',
  publishedAt,
  modifiedAt,
}: {
  title: string
  description?: null | string
  canonical: string
  type?: 'article' | 'website'
  publishedAt?: null | string
  modifiedAt?: null | string
}) => {
  const siteName = siteOptions.publisher.name
  const fullTitle = title === siteName ? title : `${title} · ${siteName}`
  return (
    <>
      <title>{fullTitle}</title>
      {description ? <meta name="description" content={description} /> : null}
      <link rel="canonical" href={canonical} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      <meta property="og:url" content={canonical} />
      {description ? <meta property="og:description" content={description} /> : null}
      {publishedAt ? <meta property="article:published_time" content={publishedAt} /> : null}
      {modifiedAt ? <meta property="article:modified_time" content={modifiedAt} /> : null}
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={title} />
      {description ? <meta name="twitter:description" content={description} /> : null}
    </>
  )
}

/** "A, B and C" with each item its own node. */
export const Joined = ({ items }: { items: ReactNode[] }) => (
  <>
    {items.map((item, index) => (
      <Fragment key={index}>
        {index > 0 ? (index === items.length - 1 ? ' and ' : ', ') : null}
        {item}
      </Fragment>
    ))}
  </>
)

export const ComposerLinks = ({ composers }: { composers: ComposerLink[] }) => (
  <Joined
    items={composers.map((composer) =>
      composer.slug ? (
        <a key={String(composer.id)} href={composerPath(composer.slug)}>
          {composer.name}
        </a>
      ) : (
        composer.name
      ),
    )}
  />
)

export const DateText = ({ iso }: { iso: null | string }) => {
  const text = formatDate(iso)
  return text && iso ? <time dateTime={iso}>{text}</time> : null
}

export const FilmTitle = ({ film }: { film: { title: string; slug: null | string; releaseYear: null | number } }) => (
  <>
    {film.slug ? (
      <a href={filmPath(film.slug)}>
        <cite>{film.title}</cite>
      </a>
    ) : (
      <cite>{film.title}</cite>
    )}
    {film.releaseYear ? ` (${film.releaseYear})` : null}
  </>
)

/** Published reviews as lists show them: title, film, composers, date, excerpt. */
export const ReviewList = ({ reviews, headingLevel = 2 }: { reviews: ReviewSummary[]; headingLevel?: 2 | 3 }) => {
  const Heading = `h${headingLevel}` as 'h2' | 'h3'
  return (
    <ol className="review-list">
      {reviews.map((review) => (
        <li key={String(review.id)}>
          <article className="review-card">
            <Heading className="review-card__title">
              <a href={reviewPath(review.slug)}>{review.title}</a>
            </Heading>
            <p className="review-card__meta">
              {review.film ? (
                <>
                  <FilmTitle film={review.film} />
                  {review.film.composers.length > 0 ? (
                    <>
                      {', music by '}
                      <ComposerLinks composers={review.film.composers} />
                    </>
                  ) : null}
                  {review.publishedAt ? ' · ' : null}
                </>
              ) : null}
              <DateText iso={review.publishedAt} />
            </p>
            {review.excerpt ? <p className="review-card__excerpt">{review.excerpt}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  )
}

/** The HTML id of a track's row, which a cue links to. */
export const trackAnchor = (track: ReviewPageTrack): string => `track-${track.disc}-${track.number}`

/** "14" on one disc, "2-14" on an album of several. */
export const trackNumber = (track: ReviewPageTrack, hasDiscs: boolean): string =>
  hasDiscs ? `${track.disc}-${track.number}` : String(track.number)

/** The album as a table: number, title, duration; its count and total runtime in the caption and footer. */
export const TrackTable = ({
  filmTitle,
  tracks,
  trackCount,
  totalRuntime,
  totalRuntimeSeconds,
  highlights = [],
}: {
  filmTitle: string
  tracks: ReviewPageTrack[]
  trackCount: number
  totalRuntime: null | string
  totalRuntimeSeconds: number
  highlights?: ReviewPageTrack[]
}) => {
  const hasDiscs = tracks.some((track) => track.disc !== 1)
  const highlighted = new Set(highlights.map((track) => String(track.id)))
  const totalISO = isoDuration(totalRuntimeSeconds)
  return (
    <div className="table-scroll" role="region" aria-labelledby="track-list-caption" tabIndex={0}>
      <table className="tracks">
        <caption id="track-list-caption">
          The soundtrack album of <cite>{filmTitle}</cite>: {plural(trackCount, 'track')}
          {totalRuntime ? (
            <>
              , <time dateTime={totalISO ?? undefined}>{totalRuntime}</time>
            </>
          ) : null}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              No.
            </th>
            <th scope="col">Title</th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {tracks.map((track) => {
            const iso = isoDuration(track.durationSeconds)
            return (
              <tr key={String(track.id)} id={trackAnchor(track)}>
                <td className="num">{trackNumber(track, hasDiscs)}</td>
                <th scope="row">
                  {track.title}
                  {highlighted.has(String(track.id)) ? <span className="tag">highlight</span> : null}
                </th>
                <td className="num">
                  {track.duration ? <time dateTime={iso ?? undefined}>{track.duration}</time> : null}
                </td>
              </tr>
            )
          })}
        </tbody>
        {totalRuntime ? (
          <tfoot>
            <tr>
              <td />
              <th scope="row">Total runtime ({plural(trackCount, 'track')})</th>
              <td className="num">
                <time dateTime={totalISO ?? undefined}>{totalRuntime}</time>
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

/** Rich text from the plugin's converter (Lexical's own HTML, escaped there). */
export const RichText = ({ html, className = 'prose' }: { html: null | string; className?: string }) =>
  html ? <div className={className} dangerouslySetInnerHTML={{ __html: html }} /> : null
