import type { RunningServer } from '../cms/server'
import type { SiteBuild } from '../examples/static-site'
import type { BrowserSession } from './e2e/harness'

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { buildSite } from '../examples/static-site'
import { openBrowser } from './e2e/harness'
import { startTestServer } from './helpers'

let server: RunningServer
let outDir: string
let build: SiteBuild
let browser: BrowserSession
let publishedSlug: string

beforeAll(async () => {
  server = await startTestServer('example_site')
  const { payload } = server
  await seedDemo({ payload })
  const { docs } = await payload.find({ collection: 'reviews', draft: true, depth: 0, pagination: false })
  publishedSlug = String(docs.find((doc) => doc._status === 'published')!.slug)
  // Next week's slot on the index comes from the schedule: queue the demo's draft.
  const draft = docs.find((doc) => doc._status === 'draft')!
  await payload.updateGlobal({
    slug: 'publication-schedule',
    data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: [draft.id] },
  })
  outDir = mkdtempSync(path.join(tmpdir(), 'soundtrack-site-'))
  build = await buildSite({ apiURL: `${server.url}/api`, outDir })
  console.log(
    `examples/static-site.ts: ${build.files.length} files in ${build.milliseconds} ms, ${build.requests.total} requests;`,
    'requests per review page:',
    build.requests.perReviewPage,
  )
  browser = await openBrowser(pathToFileURL(`${outDir}/`).href)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true })
  }
})

describe('the reference static site (examples/static-site.ts) on the demo', () => {
  it('should build the index, every published review and its composers with one request per review page', () => {
    expect(build.files).toContain('index.html')
    expect(build.files).toContain(`reviews/${publishedSlug}.html`)
    expect(build.files.some((file) => file.startsWith('composers/'))).toBe(true)
    expect(Object.keys(build.requests.perReviewPage)).toEqual([publishedSlug])
    expect(Object.values(build.requests.perReviewPage)).toEqual([1])
    // The index list and the schedule, then one per review.
    expect(build.requests.total).toBe(2 + Object.keys(build.requests.perReviewPage).length)
  })

  it('should show the cue table, the 26 tracks and the runtime 1:35:45 in Chromium', async () => {
    const { page } = browser
    await page.goto(pathToFileURL(path.join(outDir, 'reviews', `${publishedSlug}.html`)).href)
    await expect(page.locator('h1').textContent()).resolves.toContain('Fallout')
    const cueRows = page.locator('table.cues tbody tr')
    expect(await cueRows.count()).toBeGreaterThan(0)
    const trackTitles = await page.locator('ol.tracks li .title').allTextContents()
    expect(trackTitles).toHaveLength(26)
    expect(trackTitles[0]).toBe('A Storm Is Coming')
    for (const cell of await page.locator('table.cues td.track').allTextContents()) {
      if (cell) {
        expect(trackTitles).toContain(cell.replace(/^\d+\. /, ''))
      }
    }
    await expect(page.locator('.runtime').textContent()).resolves.toContain('1:35:45')
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '')
    expect(jsonLd).toMatchObject({ '@type': 'Review', itemReviewed: { numTracks: 26 } })
    const composer = page.locator('dl.film a').first()
    await composer.click()
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Reviewed scores')
  })

  it('should link the RSS feed from the index and show next week’s slot', async () => {
    const index = readFileSync(path.join(outDir, 'index.html'), 'utf8')
    expect(index).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Reviews" href="${server.url}/api/feeds/reviews.rss">`,
    )
    const { page } = browser
    await page.goto(pathToFileURL(path.join(outDir, 'index.html')).href)
    const schedule = await (await fetch(`${server.url}/api/schedule`)).json()
    const next = await page.locator('.next-week').textContent()
    expect(next).toContain(schedule.upcoming[0].label)
    expect(next).toContain(schedule.upcoming[0].review.title)
    expect(await page.locator('ul.reviews li').count()).toBe(1)
    expect(existsSync(path.join(outDir, 'reviews', `${publishedSlug}.html`))).toBe(true)
  })
})
