import type { PublicSchedule, ReviewPage } from 'payload-soundtrack-reviews'

/*
 * A reference frontend: a static site generated from the running CMS with plain `fetch`. One request
 * for the index (published reviews, newest first), one for the schedule ("next week"), then ONE
 * request per review page (`/api/reviews/by-slug/:slug`); composer pages reuse what those returned.
 *
 *   node scripts/node.mjs examples/static-site.ts http://localhost:3000/api ./site
 */
import type { Film, Review } from '../cms/payload-types'

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

type ListedReview = Pick<Review, 'byline' | 'excerpt' | 'id' | 'publishedAt' | 'slug' | 'title'> & {
  film: Pick<Film, 'releaseYear' | 'title'> | number
}

type Composer = ReviewPage['film']['composers'][number]

export type SiteBuild = {
  files: string[]
  /** Requests made for the whole site, and for each review page. */
  requests: { total: number; perReviewPage: Record<string, number> }
  milliseconds: number
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char])

/** JSON inside `<script>`: nothing in it can close the tag. */
const scriptJSON = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
.duration{color:#555;font-variant-numeric:tabular-nums}`

const layout = ({ title, head = '', home, body }: { title: string; head?: string; home: string; body: string }) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${head}
<style>${STYLE}</style>
</head>
<body>
<header><a href="${home}">Exploring Soundtracks</a></header>
<main>
${body}
</main>
</body>
</html>
`

const date = (iso: null | string | undefined): string =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    : ''

const section = (title: string, html: null | string): string =>
  html ? `<section><h2>${esc(title)}</h2>\n${html}\n</section>` : ''

const composerLink = (composer: Composer, prefix: string): string =>
  composer.slug
    ? `<a href="${prefix}composers/${esc(composer.slug)}.html">${esc(composer.name)}</a>`
    : esc(composer.name)

const reviewHTML = (page: ReviewPage, feedURL: string): string => {
  const { film } = page
  const trackCell = (track: null | ReviewPage['film']['tracks'][number]): string =>
    track ? `${esc(track.number)}. ${esc(track.title)}` : ''
  const cues = page.cues.length
    ? `<table class="cues">
<thead><tr><th>Time</th><th>Scene</th><th>Track</th><th>Instrumentation</th><th>Note</th></tr></thead>
<tbody>
${page.cues
  .map(
    (cue) =>
      `<tr><td>${esc(cue.filmTimecode)}</td><td>${esc(cue.label)}</td><td class="track">${trackCell(cue.track)}</td><td>${esc(cue.instrumentation.join(', '))}</td><td>${esc(cue.note)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : null
  const tracks = `<ol class="tracks">
${film.tracks
  .map(
    (track) =>
      `<li value="${esc(track.number)}"><span class="title">${esc(track.title)}</span> <span class="duration">${esc(track.duration)}</span></li>`,
  )
  .join('\n')}
</ol>
<p class="runtime">${esc(film.trackCount)} tracks, total runtime <strong>${esc(film.totalRuntime)}</strong></p>`
  const list = (items: string[]): null | string =>
    items.length ? `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>` : null
  const facts = [
    `<dt>Film</dt><dd>${esc(film.title)}${film.releaseYear ? ` (${esc(film.releaseYear)})` : ''}</dd>`,
    film.director ? `<dt>Director</dt><dd>${esc(film.director)}</dd>` : '',
    film.franchise ? `<dt>Franchise</dt><dd>${esc(film.franchise)}</dd>` : '',
    film.composers.length
      ? `<dt>Music</dt><dd>${film.composers.map((composer) => composerLink(composer, '../')).join(', ')}</dd>`
      : '',
  ].join('')
  return layout({
    title: page.title,
    home: '../index.html',
    head: [
      `<link rel="canonical" href="${esc(page.url)}">`,
      `<link rel="alternate" type="application/rss+xml" title="Reviews" href="${esc(feedURL)}">`,
      `<script type="application/ld+json">${scriptJSON(page.jsonLd)}</script>`,
    ].join('\n'),
    body: `<article>
<h1>${esc(page.title)}</h1>
<p class="byline">${page.author ? `By ${esc(page.author.name)} · ` : ''}${esc(date(page.publishedAt))}</p>
<dl class="film">${facts}</dl>
${section('Plot recap', page.plotRecapHTML)}
${section('Analysis', page.analysisHTML)}
${section('Cues', cues)}
${section('Final thoughts', page.finalThoughtsHTML)}
${section('Track list', tracks)}
${section('Highlights', list(page.highlights.map((track) => `${esc(track.title)} <span class="duration">${esc(track.duration)}</span>`)))}
${section(
  'Related reviews',
  list(
    page.relatedReviews.map(
      (related) =>
        `<a href="${esc(related.slug)}.html">${esc(related.title)}</a>${related.film ? ` (${esc(related.film.title)})` : ''}`,
    ),
  ),
)}
</article>`,
  })
}

const indexHTML = (reviews: ListedReview[], schedule: PublicSchedule, feedURL: string): string => {
  const next = schedule.upcoming[0]
  const nextWeek = next
    ? `<p class="next-week">${esc(next.label)}: <strong>${esc(next.review.title)}</strong>${next.review.film ? ` (${esc(next.review.film.title)})` : ''}</p>`
    : '<p class="next-week">Nothing is scheduled yet.</p>'
  const items = reviews.map((review) => {
    const film = typeof review.film === 'object' ? review.film : null
    return `<li><a href="reviews/${esc(review.slug)}.html">${esc(review.title)}</a>${film ? ` — <cite>${esc(film.title)}</cite>` : ''}
<small>${esc(date(review.publishedAt))}</small>${review.excerpt ? `<p>${esc(review.excerpt)}</p>` : ''}</li>`
  })
  return layout({
    title: 'Exploring Soundtracks',
    home: 'index.html',
    head: `<link rel="alternate" type="application/rss+xml" title="Reviews" href="${esc(feedURL)}">`,
    body: `<h1>Exploring Soundtracks</h1>
<section><h2>Next week</h2>${nextWeek}</section>
<section><h2>Reviews</h2><ul class="reviews">${items.join('\n')}</ul></section>`,
  })
}

const composerHTML = (composer: Composer, pages: ReviewPage[]): string =>
  layout({
    title: composer.name,
    home: '../index.html',
    body: `<h1>${esc(composer.name)}</h1>
<h2>Reviewed scores</h2>
<ul>${pages
      .map(
        (page) =>
          `<li><a href="../reviews/${esc(page.slug)}.html">${esc(page.film.title)}</a>${page.film.releaseYear ? ` (${esc(page.film.releaseYear)})` : ''}</li>`,
      )
      .join('')}</ul>`,
  })

/** Builds the site from the CMS at `apiURL` (e.g. `http://localhost:3000/api`) into `outDir`. */
export const buildSite = async ({ apiURL, outDir }: { apiURL: string; outDir: string }): Promise<SiteBuild> => {
  const started = performance.now()
  let requests = 0
  const getJSON = async <T>(pathAndQuery: string): Promise<T> => {
    requests += 1
    const response = await fetch(`${apiURL}${pathAndQuery}`)
    if (!response.ok) {
      throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`)
    }
    return (await response.json()) as T
  }
  const files: string[] = []
  const write = async (file: string, html: string) => {
    await mkdir(path.dirname(path.join(outDir, file)), { recursive: true })
    await writeFile(path.join(outDir, file), html)
    files.push(file)
  }
  const feedURL = `${apiURL}/feeds/reviews.rss`

  const list = await getJSON<{ docs: ListedReview[] }>(
    '/reviews?limit=0&depth=1&select[title]=true&select[slug]=true&select[excerpt]=true&select[publishedAt]=true' +
      '&select[byline]=true&select[film]=true&populate[films][title]=true&populate[films][releaseYear]=true',
  )
  const schedule = await getJSON<PublicSchedule>('/schedule')
  await write('index.html', indexHTML(list.docs, schedule, feedURL))

  const perReviewPage: Record<string, number> = {}
  const pages: ReviewPage[] = []
  for (const review of list.docs) {
    const before = requests
    const page = await getJSON<ReviewPage>(`/reviews/by-slug/${encodeURIComponent(String(review.slug))}`)
    await write(`reviews/${page.slug}.html`, reviewHTML(page, feedURL))
    perReviewPage[page.slug] = requests - before
    pages.push(page)
  }

  const composers = new Map<string, Composer>()
  for (const composer of pages.flatMap((page) => page.film.composers)) {
    if (composer.slug) {
      composers.set(composer.slug, composer)
    }
  }
  for (const [slug, composer] of composers) {
    const scored = pages.filter((page) => page.film.composers.some((each) => each.slug === slug))
    await write(`composers/${slug}.html`, composerHTML(composer, scored))
  }
  return { files, requests: { total: requests, perReviewPage }, milliseconds: Math.round(performance.now() - started) }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [apiURL = 'http://localhost:3000/api', outDir = 'site'] = process.argv.slice(2)
  const build = await buildSite({ apiURL: apiURL.replace(/\/+$/, ''), outDir })
  console.log(`${build.files.length} files in ${outDir} in ${build.milliseconds} ms, ${build.requests.total} requests`)
  for (const [slug, count] of Object.entries(build.requests.perReviewPage)) {
    console.log(`  reviews/${slug}.html: ${count} request${count === 1 ? '' : 's'}`)
  }
}
