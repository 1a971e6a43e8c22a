import type { Browser, Page } from 'playwright-core'

import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../../cms/seed'
import { openBrowser, startAdminServer } from './harness'

/** axe-core's browser build, injected into each page (its npm package is a dev dependency). */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] }

const axeViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: AXE })
  const { violations, passes } = await page.evaluate(async (tags) => {
    type Results = { violations: Violation[]; passes: unknown[] }
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<Results> } }).axe
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return { violations: results.violations, passes: results.passes.length }
  }, WCAG_21_AA)
  // The rules ran: a page that passes nothing was not checked.
  expect(passes).toBeGreaterThan(10)
  return violations.map(
    ({ id, impact, help, nodes }) =>
      `${id} (${impact}): ${help} at ${nodes.map(({ target }) => target.join(' ')).join(', ')}`,
  )
}

let server: RunningServer
let session: BrowserSession
let browser: Browser
let reviewPath = ''

describe('reader pages (browser)', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'e2e_site',
      beforeListen: async (payload) => {
        await seedDemo({ payload })
      },
    })
    session = await openBrowser(server.url)
    browser = session.browser
    const { docs } = (await (await fetch(`${server.url}/api/reviews?limit=1&depth=0`)).json()) as {
      docs: { slug: string }[]
    }
    reviewPath = `/reviews/${docs[0].slug}`
  })

  afterAll(async () => {
    await session?.close()
    await server?.close()
  })

  it('should have no axe-core WCAG 2.1 A/AA violations on the front page, a review, a film, a composer and search', async () => {
    const { page } = session
    for (const path of [
      '/',
      reviewPath,
      '/films/mission-impossible-fallout',
      '/composers/lorne-balfe',
      '/reviews',
      '/search',
      '/search?q=fallout',
      '/search?q=fallout&type=track&page=2',
    ]) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(200)
      expect(await axeViolations(page), path).toEqual([])
    }
  })

  it('should read the whole review with JavaScript off', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(reviewPath)
      await expect.poll(() => page.locator('h1').innerText()).toContain('Fallout')
      const text = await page.locator('main').innerText()
      for (const part of [
        'Plot recap',
        'keeps to the shape the series is known for',
        'The music',
        'From Zimmer’s workshop',
        'Cue sheet',
        'Opening credits and the theme',
        'Final thoughts',
        'the score keeps up with it all the way',
        'Track list',
        'A Storm Is Coming',
        'Mission: Accomplished',
        '1:35:45',
      ]) {
        expect(text).toContain(part)
      }
      expect(await page.locator('table.tracks tbody tr').count()).toBe(26)
      expect(await page.locator('table.cues tbody tr').count()).toBe(6)
      await expect.poll(() => page.locator('table.tracks tbody tr').last().isVisible()).toBe(true)
    } finally {
      await context.close()
    }
  })

  it('should search from the header with JavaScript off, and narrow the results to one kind', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto('/')
      await page.getByRole('searchbox', { name: 'Search the column' }).fill('fallout')
      await page.getByRole('searchbox', { name: 'Search the column' }).press('Enter')
      await page.waitForURL('**/search?q=fallout')
      expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['Reviews 1', 'Tracks 26']))
      await page.getByRole('link', { name: 'All 26 tracks' }).click()
      await page.waitForURL('**/search?q=fallout&type=track')
      expect(await page.locator('.search-result').count()).toBe(20)
      await page.getByRole('link', { name: 'Next' }).click()
      expect(await page.locator('.search-result').count()).toBe(6)
    } finally {
      await context.close()
    }
  })

  it('should send a reader at most 150 KB of JavaScript on a review page (none: it is a document)', async () => {
    const page = await session.context.newPage()
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') {
        scripts.push(request.url())
      }
    })
    await page.goto(reviewPath, { waitUntil: 'networkidle' })
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')]
        .filter((script) => script.getAttribute('type') !== 'application/ld+json')
        .reduce((sum, script) => sum + (script.textContent ?? '').length, 0),
    )
    const downloaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script')
        .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).transferSize, 0),
    )
    expect(downloaded + inline).toBeLessThanOrEqual(150 * 1024)
    expect(scripts).toEqual([])
    await page.close()
  })

  it('should fit a 375 px phone without sideways scrolling, and show the skip link with a visible focus ring', async () => {
    const page = await session.context.newPage()
    await page.setViewportSize({ width: 375, height: 800 })
    for (const path of ['/', reviewPath, '/composers/lorne-balfe']) {
      await page.goto(path)
      const widest = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(widest, path).toBeLessThanOrEqual(375)
    }
    await page.keyboard.press('Tab')
    const skip = page.locator('a.skip-link')
    await expect.poll(() => skip.evaluate((link) => link === document.activeElement)).toBe(true)
    const box = await skip.boundingBox()
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0)
    expect(await skip.evaluate((link) => getComputedStyle(link).outlineStyle)).not.toBe('none')
    await page.close()
  })
})
