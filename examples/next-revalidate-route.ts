/*
 * A Next.js (App Router) route handler that a frontend exposes to the CMS's webhooks: it verifies each
 * delivery with the `standardwebhooks` package, then expires every cache tag the delivery names
 * (`review:<id>`, `review:slug:<slug>`, `reviews`, `feeds`, `schedule`, `films`, `film:<id>`, `content`, …;
 * src/changes/tags.ts). Tag your frontend's reads with the same strings, e.g.
 *
 *   fetch(`${CMS}/api/reviews/by-slug/${slug}`, { next: { tags: [`review:slug:${slug}`] } })
 *   // or, with `use cache`: cacheTag(`review:slug:${slug}`)
 *
 * In the frontend (`SOUNDTRACK_WEBHOOK_SECRET` = the endpoint's secret, `whsec_…`, from the admin):
 *
 *   // lib/soundtrack-webhook.ts: this file
 *   // app/api/soundtrack-webhook/route.ts:
 *   export { POST } from '@/lib/soundtrack-webhook'
 *
 * (A route file may export only HTTP methods and route options, which is why the factory lives
 * beside it rather than in it.) Then add `https://<your site>/api/soundtrack-webhook` as a webhook
 * endpoint in the CMS admin.
 *
 * `revalidateTag`: this is written against next 16.4.6 (installed here), whose signature is
 * `revalidateTag(tag: string, profile: string | { expire?: number })`. `{ expire: 0 }` expires the
 * tagged entries at once (the next request waits for fresh data), which is what a "this changed"
 * webhook means; `'max'` would serve the stale page once more while refetching. Calling it without a
 * second argument is deprecated in Next 16 (a warning). On Next 14/15, whose `revalidateTag(tag)`
 * takes one argument, pass `revalidateTag: (tag) => revalidateTag(tag)` to the factory. `updateTag`
 * is not an option: Next allows it only in Server Actions, never in a route handler.
 */
import { revalidateTag as nextRevalidateTag } from 'next/cache'
import { Webhook } from 'standardwebhooks'

/** How tags are expired: Next's `revalidateTag` in the app; a recorder in tests. */
export type RevalidateTag = (tag: string, profile: { expire: number }) => void

/** What the handler answers a verified delivery with. */
export type RevalidateAnswer = { revalidated: string[] }

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/**
 * A `POST` handler: 401 (nothing revalidated) unless the delivery verifies with `secret`, 400 for a
 * body without a list of tags, else every tag is expired and the answer is 200 `{ revalidated: tags }`.
 * A failing `revalidateTag` answers 500, so the CMS retries the delivery later (expiring a tag twice
 * is harmless).
 */
export const createRevalidateHandler = ({
  secret,
  revalidateTag,
}: {
  /** The endpoint's secret (`whsec_…`); a function to read it when the first request comes. */
  secret: (() => string | undefined) | string | undefined
  revalidateTag: RevalidateTag
}): ((request: Request) => Promise<Response>) => {
  let verifier: undefined | { key: string; webhook: Webhook }
  return async (request) => {
    const key = typeof secret === 'function' ? secret() : secret
    if (!key) {
      return json(500, { error: 'The webhook secret is not configured (SOUNDTRACK_WEBHOOK_SECRET).' })
    }
    if (verifier?.key !== key) {
      verifier = { key, webhook: new Webhook(key) }
    }
    const { webhook } = verifier
    // The signature covers the exact bytes: read the raw body, never a re-serialized JSON.
    const body = await request.text()
    let delivery: unknown
    try {
      delivery = webhook.verify(body, Object.fromEntries(request.headers))
    } catch {
      return json(401, { error: 'The webhook signature does not verify.' })
    }
    const tags = (delivery as { tags?: unknown } | null)?.tags
    if (!Array.isArray(tags) || !tags.every((tag): tag is string => typeof tag === 'string')) {
      return json(400, { error: 'The delivery has no list of tags.' })
    }
    const revalidated = [...new Set(tags)]
    try {
      for (const tag of revalidated) {
        revalidateTag(tag, { expire: 0 })
      }
    } catch (error) {
      return json(500, { error: error instanceof Error ? error.message : String(error) })
    }
    return json(200, { revalidated } satisfies RevalidateAnswer)
  }
}

const handleDelivery = createRevalidateHandler({
  secret: () => process.env.SOUNDTRACK_WEBHOOK_SECRET,
  revalidateTag: (tag, profile) => nextRevalidateTag(tag, profile),
})

/** The route's handler: the secret from `SOUNDTRACK_WEBHOOK_SECRET`, tags expired by Next's `revalidateTag`. */
export async function POST(request: Request): Promise<Response> {
  return handleDelivery(request)
}
