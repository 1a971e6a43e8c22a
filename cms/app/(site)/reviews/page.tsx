import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { loadArchive } from '../../../site/content'
import { siteOptions } from '../../../site/options'
import { PageMeta, ReviewList } from '../_components/parts'

export const dynamic = 'force-dynamic'

/** Every published review, newest first (the feeds' home page). */
const ArchivePage = async () => {
  const reviews = await loadArchive(await getPayload({ config }))
  return (
    <>
      <PageMeta
        title="All reviews"
        description={`Every soundtrack review of ${siteOptions.publisher.name}, newest first.`}
        canonical={`${siteOptions.siteUrl}/reviews`}
      />
      <h1 className="page-title">All reviews</h1>
      {reviews.length > 0 ? <ReviewList reviews={reviews} /> : <p>No review has been published yet.</p>}
    </>
  )
}

export default ArchivePage
