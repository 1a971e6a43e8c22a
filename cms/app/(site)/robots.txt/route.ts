import { siteOptions } from '../../../site/options'

export const dynamic = 'force-dynamic'

/** Readers' pages are open to crawlers; the admin is not for them. */
export const GET = (): Response =>
  new Response(['User-agent: *', 'Disallow: /admin', `Sitemap: ${siteOptions.siteUrl}/sitemap.xml`, ''].join('\n'), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
