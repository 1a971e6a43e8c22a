import type { PublicSchedule, ReviewPage } from 'payload-soundtrack-reviews'

/*
 * A reference frontend: a static site generated from the running CMS with plain `fetch`. One request
 * for the index (published reviews, newest first), one for the schedule ("next week"), then ONE
 * request per review page (`/api/reviews/by-slug/:slug`); composer pages reuse what those returned.
 *
 *   node scripts/node.mjs examples/static-site.ts http://localhost:3000/api ./site
 *
 * `buildReviewPage`, `removeReviewPage` and `buildListings` redo parts of a built site (see
 * examples/static-site-receiver.ts, which calls them when the CMS's webhooks say what changed).
 */
import type { Film, Review } from '../cms/payload-types'

import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
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
  /** What partial rebuilds continue from. */
  site: Site
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

const composerHTML = (composer: Composer, pages: PageSummary[]): string =>
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

/** What a review page needs to be listed on its composers' pages (kept by a site between partial rebuilds). */
type PageSummary = Pick<ReviewPage, 'slug'> & {
  film: Pick<ReviewPage['film'], 'releaseYear' | 'title'> & { composers: Composer[] }
}

/**
 * A built site: where it reads and writes, and what it knows of each review page (its film and
 * composers), so a partial rebuild can redo a composer's page without fetching every review again.
 */
export type Site = {
  apiURL: string
  outDir: string
  /** Published review pages, newest first (the order of the index). */
  pages: Map<string, PageSummary>
}

/** What a partial rebuild did: files (relative to `outDir`) written or removed, and the requests it made. */
export type PageChanges = { wrote: string[]; removed: string[]; requests: number }

const noChanges = (): PageChanges => ({ wrote: [], removed: [], requests: 0 })

const merge = (into: PageChanges, from: PageChanges): PageChanges => {
  into.wrote.push(...from.wrote)
  into.removed.push(...from.removed)
  into.requests += from.requests
  return into
}

/** A slug as a file name: nothing that climbs out of its folder (slugs come from the CMS, or a webhook's body). */
const pageFile = (folder: 'composers' | 'reviews', slug: string): string => {
  if (!slug || slug.startsWith('.') || /[/\\\0]/.test(slug)) {
    throw new Error(`Refusing the slug ${JSON.stringify(slug)} as a file name.`)
  }
  return `${folder}/${slug}.html`
}

const feedURLOf = (site: Pick<Site, 'apiURL'>): string => `${site.apiURL}/feeds/reviews.rss`

/** GETs JSON from the CMS; `null` for a 404 when `allowMissing` (a review that is no longer published). */
const getJSON = async <T>(apiURL: string, pathAndQuery: string, allowMissing = false): Promise<null | T> => {
  const response = await fetch(`${apiURL}${pathAndQuery}`)
  if (allowMissing && response.status === 404) {
    await response.body?.cancel()
    return null
  }
  if (!response.ok) {
    throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`)
  }
  return (await response.json()) as T
}

/**
 * Writes `html` unless the file already holds exactly that (an unchanged page keeps its mtime, so a
 * sync or a CDN sees only real changes). Through a temporary file and a rename: a web server serving
 * `outDir` never reads half a page.
 */
const writePage = async (outDir: string, file: string, html: string): Promise<boolean> => {
  const target = path.join(outDir, file)
  const existing = await readFile(target, 'utf8').catch(() => null)
  if (existing === html) {
    return false
  }
  await mkdir(path.dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`
  await writeFile(temporary, html)
  await rename(temporary, target)
  return true
}

const removePage = async (outDir: string, file: string): Promise<boolean> => {
  try {
    await unlink(path.join(outDir, file))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false
    }
    throw error
  }
}

const summaryOf = (page: ReviewPage): PageSummary => ({
  slug: page.slug,
  film: { title: page.film.title, releaseYear: page.film.releaseYear, composers: page.film.composers },
})

const LIST_QUERY =
  '/reviews?limit=0&depth=1&select[title]=true&select[slug]=true&select[excerpt]=true&select[publishedAt]=true' +
  '&select[byline]=true&select[film]=true&populate[films][title]=true&populate[films][releaseYear]=true'

/**
 * (Re)builds one review page from `/api/reviews/by-slug/:slug` (one request). A slug the CMS no longer
 * publishes (unpublished, deleted, renamed) answers 404: its page is removed instead.
 */
export const buildReviewPage = async (site: Site, slug: string): Promise<PageChanges> => {
  pageFile('reviews', slug) // refuses a slug that is no file name before asking the CMS
  const page = await getJSON<ReviewPage>(site.apiURL, `/reviews/by-slug/${encodeURIComponent(slug)}`, true)
  if (!page) {
    return { ...(await removeReviewPage(site, slug)), requests: 1 }
  }
  const file = pageFile('reviews', page.slug)
  const written = await writePage(site.outDir, file, reviewHTML(page, feedURLOf(site)))
  site.pages.set(page.slug, summaryOf(page))
  return { wrote: written ? [file] : [], removed: [], requests: 1 }
}

/** Removes a review's page (no request): what `review.unpublished` and `review.deleted` call for. */
export const removeReviewPage = async (site: Site, slug: string): Promise<PageChanges> => {
  const file = pageFile('reviews', slug)
  site.pages.delete(slug)
  return { ...noChanges(), removed: (await removePage(site.outDir, file)) ? [file] : [] }
}

/**
 * The pages that list reviews: the index (the list and the schedule: two requests) and the composer
 * pages (from what the site knows of each review page; a composer no published review shows loses
 * its page). The list also repairs the site: a listed review without a page is built, a page of a
 * review no longer listed is removed.
 */
export const buildListings = async (site: Site): Promise<PageChanges> => {
  const changes: PageChanges = { ...noChanges(), requests: 2 }
  const list = (await getJSON<{ docs: ListedReview[] }>(site.apiURL, LIST_QUERY))!
  const schedule = (await getJSON<PublicSchedule>(site.apiURL, '/schedule'))!
  if (await writePage(site.outDir, 'index.html', indexHTML(list.docs, schedule, feedURLOf(site)))) {
    changes.wrote.push('index.html')
  }
  const listed = list.docs.map((review) => String(review.slug))
  for (const slug of [...site.pages.keys()].filter((slug) => !listed.includes(slug))) {
    merge(changes, await removeReviewPage(site, slug))
  }
  for (const slug of listed.filter((slug) => !site.pages.has(slug))) {
    merge(changes, await buildReviewPage(site, slug))
  }
  // Newest first, as the index lists them (and as composer pages list their scores).
  const pages = listed.flatMap((slug) => site.pages.get(slug) ?? [])
  site.pages = new Map(pages.map((page) => [page.slug, page]))
  merge(changes, await writeComposerPages(site, { prune: true }))
  return changes
}

/** Every composer's page from what the site knows; with `prune`, the pages of composers no review shows go. */
const writeComposerPages = async (
  site: Site,
  { prune }: { prune: boolean },
): Promise<PageChanges & { files: string[] }> => {
  const changes = { ...noChanges(), files: [] as string[] }
  const pages = [...site.pages.values()]
  const composers = new Map<string, Composer>()
  for (const composer of pages.flatMap((page) => page.film.composers)) {
    if (composer.slug) {
      composers.set(composer.slug, composer)
    }
  }
  for (const [slug, composer] of composers) {
    const scored = pages.filter((page) => page.film.composers.some((each) => each.slug === slug))
    const file = pageFile('composers', slug)
    changes.files.push(file)
    if (await writePage(site.outDir, file, composerHTML(composer, scored))) {
      changes.wrote.push(file)
    }
  }
  const existing = prune ? await readdir(path.join(site.outDir, 'composers')).catch(() => [] as string[]) : []
  for (const name of existing.filter((name) => name.endsWith('.html') && !composers.has(name.slice(0, -5)))) {
    if (await removePage(site.outDir, `composers/${name}`)) {
      changes.removed.push(`composers/${name}`)
    }
  }
  return changes
}

/**
 * Builds the site from the CMS at `apiURL` (e.g. `http://localhost:3000/api`) into `outDir`. The
 * answer's `site` is what partial rebuilds (`buildReviewPage`, `removeReviewPage`, `buildListings`,
 * as examples/static-site-receiver.ts calls them) continue from.
 */
export const buildSite = async ({ apiURL, outDir }: { apiURL: string; outDir: string }): Promise<SiteBuild> => {
  const started = performance.now()
  const site: Site = { apiURL, outDir, pages: new Map() }
  let requests = 0
  const get = async <T>(pathAndQuery: string): Promise<T> => {
    requests += 1
    return (await getJSON<T>(apiURL, pathAndQuery))!
  }
  const files: string[] = []
  const write = async (file: string, html: string) => {
    await writePage(outDir, file, html)
    files.push(file)
  }
  const feedURL = feedURLOf(site)

  const list = await get<{ docs: ListedReview[] }>(LIST_QUERY)
  const schedule = await get<PublicSchedule>('/schedule')
  await write('index.html', indexHTML(list.docs, schedule, feedURL))

  const perReviewPage: Record<string, number> = {}
  for (const review of list.docs) {
    const before = requests
    const page = await get<ReviewPage>(`/reviews/by-slug/${encodeURIComponent(String(review.slug))}`)
    await write(pageFile('reviews', page.slug), reviewHTML(page, feedURL))
    perReviewPage[page.slug] = requests - before
    site.pages.set(page.slug, summaryOf(page))
  }

  files.push(...(await writeComposerPages(site, { prune: false })).files)
  return {
    files,
    requests: { total: requests, perReviewPage },
    milliseconds: Math.round(performance.now() - started),
    site,
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [apiURL = 'http://localhost:3000/api', outDir = 'site'] = process.argv.slice(2)
  const build = await buildSite({ apiURL: apiURL.replace(/\/+$/, ''), outDir })
  console.log(`${build.files.length} files in ${outDir} in ${build.milliseconds} ms, ${build.requests.total} requests`)
  for (const [slug, count] of Object.entries(build.requests.perReviewPage)) {
    console.log(`  reviews/${slug}.html: ${count} request${count === 1 ? '' : 's'}`)
  }
}
