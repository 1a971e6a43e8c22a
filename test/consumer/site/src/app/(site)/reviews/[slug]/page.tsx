import config from '@payload-config'
import { unstable_cache } from 'next/cache'
import { notFound } from 'next/navigation'
import { connection } from 'next/server'
import { getPayload } from 'payload'

/**
 * A published review by slug, read through the Local API as the public would see it, and kept in
 * Next's data cache for an hour under the plugin's tag for that slug: only a tag revalidation (the
 * plugin's `revalidate` option calling `revalidateTag`) can change what this page shows sooner.
 * `cachedAt` is when the cached entry was computed, so a reader can tell a cached render from a fresh one.
 */
const readReview = (slug: string) =>
  unstable_cache(
    async () => {
      const payload = await getPayload({ config })
      const { docs } = await payload.find({
        collection: 'reviews',
        where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
        select: { title: true, slug: true },
        draft: false,
        depth: 0,
        limit: 1,
        pagination: false,
        overrideAccess: false,
      })
      return { title: docs[0]?.title ?? null, cachedAt: new Date().toISOString() }
    },
    ['review-page', slug],
    { tags: [`review:slug:${slug}`], revalidate: 3600 },
  )()

const ReviewPage = async ({ params }: { params: Promise<{ slug: string }> }) => {
  // Rendered per request; the review itself comes from the data cache above.
  await connection()
  const { slug } = await params
  const review = await readReview(slug)
  if (review.title === null) {
    notFound()
  }
  return (
    <main>
      <h1>{review.title}</h1>
      <p>
        Cached at <time data-cached-at={review.cachedAt}>{review.cachedAt}</time>
      </p>
    </main>
  )
}

export default ReviewPage
