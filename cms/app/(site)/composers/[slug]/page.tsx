import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { composerPath, loadComposer } from '../../../../site/content'
import { listOf } from '../../../../site/format'
import { siteOptions } from '../../../../site/options'
import { slugParam } from '../../../../site/params'
import { NotFound } from '../../_components/NotFound'
import { ComposerLinks, FilmTitle, PageMeta, ReviewList, RichText } from '../../_components/parts'

export const dynamic = 'force-dynamic'

type Args = { params: Promise<{ slug: string }> }

/** A composer: bio, affiliations, influences, films and the reviews of those films. */
const ComposerPage = async ({ params }: Args) => {
  const composer = await loadComposer(await getPayload({ config }), slugParam((await params).slug))
  if (!composer) {
    return <NotFound />
  }
  return (
    <>
      <PageMeta
        title={composer.name}
        description={`${composer.name}: film scores${composer.films.length ? ` (${listOf(composer.films.map(({ title }) => title))})` : ''} and their reviews.`}
        canonical={`${siteOptions.siteUrl}${composerPath(composer.slug)}`}
      />
      <article className="entity">
        <header>
          <p className="kicker">Composer</p>
          <h1>{composer.name}</h1>
        </header>
        {composer.affiliations.length > 0 || composer.influencedBy.length > 0 || composer.influenced.length > 0 ? (
          <dl className="facts">
            {composer.affiliations.length > 0 ? (
              <div>
                <dt>Affiliations</dt>
                <dd>{listOf(composer.affiliations)}</dd>
              </div>
            ) : null}
            {composer.influencedBy.length > 0 ? (
              <div>
                <dt>Influenced by</dt>
                <dd>
                  <ComposerLinks composers={composer.influencedBy} />
                </dd>
              </div>
            ) : null}
            {composer.influenced.length > 0 ? (
              <div>
                <dt>An influence on</dt>
                <dd>
                  <ComposerLinks composers={composer.influenced} />
                </dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {composer.bioHTML ? (
          <section aria-labelledby="about">
            <h2 id="about">About</h2>
            <RichText html={composer.bioHTML} />
          </section>
        ) : null}
        {composer.films.length > 0 ? (
          <section aria-labelledby="films">
            <h2 id="films">Films</h2>
            <ul className="plain-list">
              {composer.films.map((film) => (
                <li key={String(film.id)}>
                  <FilmTitle film={film} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="reviews">
          <h2 id="reviews">Reviews</h2>
          {composer.reviews.length > 0 ? (
            <ReviewList reviews={composer.reviews} headingLevel={3} />
          ) : (
            <p>No review of a score by {composer.name} has been published yet.</p>
          )}
        </section>
      </article>
    </>
  )
}

export default ComposerPage
