import config from '@payload-config'
import { getPayload } from 'payload'
import React from 'react'

import { loadReview } from '../../../../site/content'
import { slugParam } from '../../../../site/params'
import { NotFound } from '../../_components/NotFound'
import { ReviewArticle } from '../../_components/ReviewArticle'

export const dynamic = 'force-dynamic'

type Args = { params: Promise<{ slug: string }> }

/** A published review, the whole column; drafts and unknown slugs are a 404. */
const ReviewPage = async ({ params }: Args) => {
  const review = await loadReview(await getPayload({ config }), slugParam((await params).slug))
  if (!review) {
    return <NotFound />
  }
  return <ReviewArticle review={review} />
}

export default ReviewPage
