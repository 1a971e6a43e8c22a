import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { filmPath, loadFilm } from '../../../../site/content'
import { siteOptions } from '../../../../site/options'
import { slugParam } from '../../../../site/params'
import { NotFound } from '../../_components/NotFound'
import { ComposerLinks, PageMeta, ReviewList, RichText, TrackTable } from '../../_components/parts'

export const dynamic = 'force-dynamic'

type Args = { params: Promise<{ slug: string }> }

/** A film: its facts, synopsis, soundtrack album and published reviews. */
const FilmPage = async ({ params }: Args) => {
  const film = await loadFilm(await getPayload({ config }), slugParam((await params).slug))
  if (!film) {
    return <NotFound />
  }
  const heading = `${film.title}${film.releaseYear ? ` (${film.releaseYear})` : ''}`
  return (
    <>
      <PageMeta
        title={heading}
        description={`The music of ${film.title}${film.composers.length ? ` by ${film.composers.map(({ name }) => name).join(', ')}` : ''}: the soundtrack album and its reviews.`}
        canonical={`${siteOptions.siteUrl}${filmPath(film.slug)}`}
      />
      <article className="entity">
        <header>
          <p className="kicker">Film</p>
          <h1>
            <cite>{film.title}</cite>
            {film.releaseYear ? ` (${film.releaseYear})` : null}
          </h1>
        </header>
        <dl className="facts">
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
          {film.franchise ? (
            <div>
              <dt>Series</dt>
              <dd>{film.franchise}</dd>
            </div>
          ) : null}
        </dl>
        {film.synopsisHTML ? (
          <section aria-labelledby="synopsis">
            <h2 id="synopsis">Synopsis</h2>
            <RichText html={film.synopsisHTML} />
          </section>
        ) : null}
        <section aria-labelledby="reviews">
          <h2 id="reviews">Reviews</h2>
          {film.reviews.length > 0 ? (
            <ReviewList reviews={film.reviews} headingLevel={3} />
          ) : (
            <p>No review of this film has been published yet.</p>
          )}
        </section>
        {film.tracks.length > 0 ? (
          <section aria-labelledby="track-list">
            <h2 id="track-list">Track list</h2>
            <TrackTable
              filmTitle={film.title}
              tracks={film.tracks}
              trackCount={film.trackCount}
              totalRuntime={film.totalRuntime}
              totalRuntimeSeconds={film.totalRuntimeSeconds}
            />
          </section>
        ) : null}
      </article>
    </>
  )
}

export default FilmPage
