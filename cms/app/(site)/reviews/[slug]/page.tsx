import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'
import React from 'react'

import { loadReview } from '../../../../site/content'
import { slugParam } from '../../../../site/params'
import { loadPreview, previewerOf } from '../../../../site/preview'
import { DraftNotice } from '../../_components/DraftNotice'
import { LivePreviewListener } from '../../_components/LivePreviewListener'
import { NotFound } from '../../_components/NotFound'
import { ReviewArticle } from '../../_components/ReviewArticle'

export const dynamic = 'force-dynamic'

type Args = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

/**
 * A published review, the whole column; drafts and unknown slugs are a 404. With `draft=true`, a
 * signed-in editor or a signed link sees the newest version instead (cms/site/preview.ts).
 */
const ReviewPage = async ({ params, searchParams }: Args) => {
  const payload = await getPayload({ config })
  const slug = slugParam((await params).slug)
  const previewer = await previewerOf({ payload, slug, query: await searchParams, headers: await headers() })
  const preview = previewer ? await loadPreview(payload, slug) : null
  if (preview) {
    return (
      <>
        <ReviewArticle review={preview} notice={preview.isDraft ? <DraftNotice /> : null} />
        {previewer === 'staff' ? <LivePreviewListener /> : null}
      </>
    )
  }
  const review = await loadReview(payload, slug)
  if (!review) {
    return <NotFound />
  }
  return <ReviewArticle review={review} />
}

export default ReviewPage
