import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { loadFrontPage } from '../../site/content'
import { siteOptions } from '../../site/options'
import { FilmTitle, PageMeta, ReviewList } from './_components/parts'

export const dynamic = 'force-dynamic'

/** The front page: "next week" from the public schedule, then the latest reviews. */
const FrontPage = async () => {
  const { latest, nextWeek: next } = await loadFrontPage(await getPayload({ config }))
  const siteName = siteOptions.publisher.name
  return (
    <>
      <PageMeta
        title={siteName}
        description="A weekly column on film music: one soundtrack a week, with a plot recap, the cues that matter and the album's track list."
        canonical={`${siteOptions.siteUrl}/`}
      />
      <h1 className="page-title">Latest reviews</h1>
      {next ? (
        <aside className="next-week" aria-labelledby="next-week">
          <h2 id="next-week">Next week</h2>
          <p>
            {next.review.title}
            {next.review.film ? (
              <>
                {' '}
                on <FilmTitle film={{ ...next.review.film, slug: null }} />
              </>
            ) : null}
            : <time dateTime={next.slot}>{next.label}</time>.
          </p>
        </aside>
      ) : null}
      {latest.length > 0 ? <ReviewList reviews={latest} /> : <p>No review has been published yet.</p>}
      {latest.length > 0 ? (
        <p className="more">
          <a href="/reviews">Every review, newest first</a>
        </p>
      ) : null}
    </>
  )
}

export default FrontPage
