import type { Payload } from 'payload'

import type { ReviewPreview } from 'payload-soundtrack-reviews'

import { createLocalReq } from 'payload'

import { loadReviewPreview, roles } from 'payload-soundtrack-reviews'

import { siteOptions } from './options'
import { isValidPreviewLink } from './previewLink'

/** Who is previewing: a signed-in editor or admin, or someone holding a signed link. */
export type Previewer = 'link' | 'staff'

type Query = Record<string, string | string[] | undefined>

const isStaff = (user: unknown): boolean => {
  const held = (user as null | { roles?: unknown })?.roles
  return Array.isArray(held) && roles.some((role) => held.includes(role))
}

/**
 * Whether a request for `slug`'s page with this query may see the review's newest version: it asks
 * for it (`draft=true`) and Payload finds a staff user for its headers, or it carries a link signed
 * for the slug that has not expired. Null: it gets what readers get.
 */
export const previewerOf = async ({
  payload,
  slug,
  query,
  headers,
}: {
  payload: Payload
  slug: string
  query: Query
  headers: Headers
}): Promise<null | Previewer> => {
  if (query.draft !== 'true') {
    return null
  }
  const { user } = await payload.auth({ headers, canSetHeaders: false })
  if (isStaff(user)) {
    return 'staff'
  }
  const { expires, signature } = query
  return isValidPreviewLink({ secret: payload.secret, slug, expires, signature }) ? 'link' : null
}

/** The review's newest version as its page shows it, draft or published; null when no review has the slug. */
export const loadPreview = async (payload: Payload, slug: string): Promise<null | ReviewPreview> =>
  loadReviewPreview({ req: await createLocalReq({}, payload), slug, options: siteOptions })
