/*
 * `npm run screenshots`: the demo column photographed for the README. Starts the server on a fresh
 * database with the demo seed. The reader pages, as an anonymous reader sees them: the front page
 * and the Fallout review on a phone (375 px) and a wide screen (1440 px), docs/screenshots/
 * site-{front,review}-{375,1440}.png. Then the admin, as an admin created in the browser:
 * docs/screenshots/{film,review,schedule}.png at 1440×900.
 */
import type { Page } from 'playwright-core'

import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'

import { seedDemo } from '../cms/seed'
import { defaultSlugs as slugs } from '../src/options'
import { localDateOf } from '../src/schedule/format'
import { nextSlots } from '../src/schedule/slots'
import { apiGet, createFirstAdmin, openBrowser, startAdminServer, VIEWPORT } from '../test/e2e/harness'

const OUT = path.resolve('docs/screenshots')
const admin = { email: 'editor@exploring-soundtracks.test', password: 'screenshots-Admin-1' }

const idOf = async (page: Page, collection: string, title: string): Promise<number | string> => {
  const { docs } = await apiGet<{ docs: { id: number | string }[] }>(
    page,
    `/api/${collection}?where[title][like]=${encodeURIComponent(title)}&depth=0&draft=true&limit=1`,
  )
  if (!docs[0]) {
    throw new Error(`No ${collection} titled like “${title}” in the demo.`)
  }
  return docs[0].id
}

/** Waits until the admin has settled: no route transition, no shimmer placeholders. */
const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle')
  await page
    .locator('.shimmer-effect')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined)
  await page.waitForTimeout(500)
}

const shoot = async (page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }) => {
  const file = path.join(OUT, `${name}.png`)
  await page.screenshot({ path: file, ...(clip ? { clip, fullPage: true } : {}) })
  console.log(`Saved ${path.relative(process.cwd(), file)}`)
}

/** A phone and a wide screen, each shot from the top down to at most `shotHeight` (a page shorter ends sooner). */
const READER_SCREENS = [
  { viewport: { width: 375, height: 812 }, shotHeight: 1400 },
  { viewport: VIEWPORT, shotHeight: VIEWPORT.height },
]

const server = await startAdminServer({
  name: 'screenshots',
  beforeListen: async (payload) => {
    await seedDemo({ payload })
  },
})
const session = await openBrowser(server.url)
const { page } = session
try {
  mkdirSync(OUT, { recursive: true })
  const { docs: reviews } = await server.payload.find({
    collection: slugs.reviews,
    where: { title: { like: 'Fallout' }, _status: { equals: 'published' } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  const pages = { front: '/', review: `/reviews/${String(reviews[0]?.slug)}` }
  for (const { viewport, shotHeight } of READER_SCREENS) {
    // Its own context: no admin cookie, so the pages are the ones every reader gets.
    const reader = await session.browser.newContext({ baseURL: server.url, viewport })
    const readerPage = await reader.newPage()
    for (const [name, pathname] of Object.entries(pages)) {
      const response = await readerPage.goto(pathname)
      if (response?.status() !== 200) {
        throw new Error(`${pathname} answered ${response?.status()}, not 200.`)
      }
      const pageHeight = await readerPage.evaluate(() => document.documentElement.scrollHeight)
      const clip = { x: 0, y: 0, width: viewport.width, height: Math.min(pageHeight, shotHeight) }
      await shoot(readerPage, `site-${name}-${viewport.width}`, clip)
    }
    await reader.close()
  }

  await createFirstAdmin(page, admin)

  const filmID = await idOf(page, slugs.films, 'Fallout')
  await page.goto(`/admin/collections/films/${filmID}`)
  await page.locator('#field-tracks tbody tr').nth(25).waitFor()
  await settle(page)
  // The track table under the sticky document controls, the sidebar's count and runtime beside it.
  await page.evaluate(() => {
    const tracks = document.querySelector('#field-composers')
    window.scrollTo(0, (tracks?.getBoundingClientRect().top ?? 0) + window.scrollY - 140)
  })
  await shoot(page, 'film')

  const reviewID = await idOf(page, slugs.reviews, 'Fallout')
  await page.goto(`/admin/collections/reviews/${reviewID}`)
  await page.locator('#field-title').waitFor()
  await settle(page)
  // The column's moments as a cue sheet: rows collapsed to "15:00 · Opening credits and the theme".
  await page.locator('#field-cues .array-field__header-action', { hasText: 'Collapse All' }).click()
  await page.evaluate(() => {
    const cues = document.querySelector('#field-cues')
    window.scrollTo(0, (cues?.getBoundingClientRect().top ?? 0) + window.scrollY - 160)
  })
  await settle(page)
  await shoot(page, 'review')

  const johnWick = await idOf(page, slugs.reviews, 'John Wick')
  const cadence = { weekday: 'friday', time: '09:00', timezone: 'Europe/London' } as const
  // A skipped week a little ahead, so the picture shows how the queue moves past it.
  const skipped = localDateOf(nextSlots({ after: new Date(), cadence, count: 3 })[2], cadence.timezone)
  await server.payload.updateGlobal({
    slug: slugs.schedule,
    data: {
      enabled: true,
      ...cadence,
      queue: [johnWick],
      skipDates: [{ date: skipped, reason: 'Festival week: no review' }],
    },
    depth: 0,
    overrideAccess: true,
  })
  await page.goto('/admin/globals/publication-schedule')
  await page.locator('.schedule-overview__week--review').first().waitFor()
  await settle(page)
  await shoot(page, 'schedule')
} finally {
  await session.close()
  await server.close()
  rmSync(String(process.env.DATABASE_URI).replace(/^file:/, ''), { force: true })
}
