import type { ReactNode } from 'react'

import type { ReviewPage } from 'payload-soundtrack-reviews'

import React from 'react'

import { serializeJsonLd } from 'payload-soundtrack-reviews'

import { reviewPath } from '../../../site/content'
import { siteOptions } from '../../../site/options'
import { ComposerLinks, DateText, FilmTitle, PageMeta, RichText, trackAnchor, trackNumber, TrackTable } from './parts'

/**
 * The whole column: heading, the film, plot recap, analysis, cue sheet, final thoughts, track list,
 * related reviews and the JSON-LD the API serves. `notice` is shown above the title (a preview of a
 * draft says so there); a published review has none.
 */
export const ReviewArticle = ({ review, notice }: { review: ReviewPage; notice?: ReactNode }) => {
  const { film } = review
  const hasDiscs = film.tracks.some((track) => track.disc !== 1)
  return (
    <>
      <PageMeta
        title={review.title}
        description={review.excerpt}
        canonical={review.url}
        type="article"
        publishedAt={review.publishedAt}
        modifiedAt={review.updatedAt}
      />
      <article className="review">
        <header className="review__header">
          {notice}
          {review.series ? (
            <p className="kicker">
              {review.series}
              {review.seriesPart ? `, part ${review.seriesPart}` : null}
            </p>
          ) : null}
          <h1>{review.title}</h1>
          <p className="byline">
            {review.author ? <>By {review.author.name}</> : null}
            {review.author && review.publishedAt ? ' · ' : null}
            <DateText iso={review.publishedAt} />
          </p>
          {review.excerpt ? <p className="standfirst">{review.excerpt}</p> : null}
        </header>

        <section className="film-facts" aria-labelledby="the-film">
          <h2 id="the-film">The film</h2>
          <dl>
            <div>
              <dt>Film</dt>
              <dd>
                <FilmTitle film={film} />
              </dd>
            </div>
            {film.director ? (
              <div>
                <dt>Director</dt>
                <dd>{film.director}</dd>
              </div>
            ) : null}
            {film.composers.length > 0 ? (
              <div>
                <dt>Music</dt>
                <dd>
                  <ComposerLinks composers={film.composers} />
                </dd>
              </div>
            ) : null}
            {film.trackCount > 0 ? (
              <div>
                <dt>Album</dt>
                <dd>
                  <a href="#track-list">
                    {film.trackCount} {film.trackCount === 1 ? 'track' : 'tracks'}
                    {film.totalRuntime ? `, ${film.totalRuntime}` : null}
                  </a>
                </dd>
              </div>
            ) : null}
            {review.rating !== null ? (
              <div>
                <dt>Rating</dt>
                <dd>
                  {review.rating} out of {siteOptions.ratingScale}
                </dd>
              </div>
            ) : null}
          </dl>
        </section>

        {review.plotRecapHTML ? (
          <section aria-labelledby="plot-recap">
            <h2 id="plot-recap">Plot recap</h2>
            <RichText html={review.plotRecapHTML} />
          </section>
        ) : null}

        {review.analysisHTML ? (
          <section aria-labelledby="analysis">
            <h2 id="analysis">The music</h2>
            <RichText html={review.analysisHTML} />
          </section>
        ) : null}

        {review.cues.length > 0 ? (
          <section aria-labelledby="cue-sheet">
            <h2 id="cue-sheet">Cue sheet</h2>
            <div className="table-scroll" role="region" aria-labelledby="cue-sheet-caption" tabIndex={0}>
              <table className="cues">
                <caption id="cue-sheet-caption">Moments in the film and the music heard there</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Time
                    </th>
                    <th scope="col">Moment</th>
                    <th scope="col">What we hear</th>
                    <th scope="col">Track</th>
                  </tr>
                </thead>
                <tbody>
                  {review.cues.map((cue, index) => (
                    <tr key={cue.id ?? index}>
                      <td className={cue.filmTimecode ? 'num' : 'num no-time'} data-label="Time">
                        {cue.filmTimecode ? (
                          <time dateTime={cue.filmTimeSeconds === null ? undefined : `PT${cue.filmTimeSeconds}S`}>
                            {cue.filmTimecode}
                          </time>
                        ) : (
                          <>
                            <span className="muted" aria-hidden="true">
                              –
                            </span>
                            <span className="visually-hidden">no timecode</span>
                          </>
                        )}
                      </td>
                      <th scope="row">{cue.label ?? `Cue ${index + 1}`}</th>
                      <td data-label="What we hear">
                        {cue.note ? <p className="cue__note">{cue.note}</p> : null}
                        {cue.instrumentation.length > 0 ? (
                          <p className="cue__instruments">{cue.instrumentation.join(', ')}</p>
                        ) : null}
                      </td>
                      <td data-label="Track">
                        {cue.track ? (
                          <a
                            href={`#${trackAnchor(cue.track)}`}
                          >{`${trackNumber(cue.track, hasDiscs)}. ${cue.track.title}`}</a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}

        {review.finalThoughtsHTML ? (
          <section aria-labelledby="final-thoughts">
            <h2 id="final-thoughts">Final thoughts</h2>
            <RichText html={review.finalThoughtsHTML} />
          </section>
        ) : null}

        {film.tracks.length > 0 ? (
          <section aria-labelledby="track-list">
            <h2 id="track-list">Track list</h2>
            <TrackTable
              filmTitle={film.title}
              tracks={film.tracks}
              trackCount={film.trackCount}
              totalRuntime={film.totalRuntime}
              totalRuntimeSeconds={film.totalRuntimeSeconds}
              highlights={review.highlights}
            />
          </section>
        ) : null}

        {review.relatedReviews.length > 0 ? (
          <section aria-labelledby="related">
            <h2 id="related">Related reviews</h2>
            <ul className="related">
              {review.relatedReviews.map((related) => (
                <li key={String(related.id)}>
                  <a href={related.slug ? reviewPath(related.slug) : related.url}>{related.title}</a>
                  {related.film ? (
                    <>
                      {' '}
                      on <cite>{related.film.title}</cite>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(review.jsonLd) }} />
    </>
  )
}
