import config from '@payload-config'
import { getPayload } from 'payload'

import { loadSitemap } from '../../../site/content'

export const dynamic = 'force-dynamic'

const escapeXML = (value: string): string => value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`)

/** Every reader page: the front page, the archive, each published review, film and composer. */
export const GET = async (): Promise<Response> => {
  const entries = await loadSitemap(await getPayload({ config }))
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      ({ url, lastModified }) =>
        `  <url><loc>${escapeXML(url)}</loc>${lastModified ? `<lastmod>${escapeXML(new Date(lastModified).toISOString())}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n')
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
