import type { Page } from 'playwright-core'

import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../../cms/seed'
import { login, openBrowser, startAdminServer } from './harness'

const editor = { email: 'editor@example.test', password: 'e2e-Editor-password-1' }

let server: RunningServer
let session: BrowserSession
let page: Page

/** The nav's search box, found by its label as a screen reader finds it. */
const searchBox = () => page.getByLabel('Search reviews, films, composers and tracks')

/** At 1440 px and below Payload starts with its nav closed (inert): open it, as an editor would. */
const openNav = async () => {
  await page.locator('.nav--nav-hydrated').waitFor({ state: 'attached' })
  if (await page.locator('.nav:not(.nav--nav-open)').count()) {
    await page.locator('.nav-toggler:visible').first().click()
    await page.locator('.nav--nav-open').waitFor({ state: 'attached' })
  }
}

const search = async (text: string) => {
  await openNav()
  await searchBox().fill(text)
  await page.locator('.admin-search__status', { hasText: /published result/ }).waitFor()
}

describe('admin search (browser)', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'e2e_admin_search',
      beforeListen: async (payload) => {
        await seedDemo({ payload })
        await payload.create({ collection: 'users', data: { ...editor, roles: ['editor'] }, depth: 0 })
      },
    })
    session = await openBrowser(server.url)
    page = session.page
    await login(page, editor)
  })

  afterAll(async () => {
    await session?.close()
    await server?.close()
  })

  it('should find reviews, films, composers and tracks together and open the first with Enter', async () => {
    await page.goto('/admin')
    await search('fallout')
    const groups = page.locator('.admin-search__group')
    await expect.poll(() => groups.allTextContents()).toEqual(expect.arrayContaining(['Reviews (1)', 'Films (1)']))
    expect(await groups.allTextContents()).toContain('Tracks (26)')
    expect(await page.locator('.admin-search__result').count()).toBeLessThanOrEqual(4 * 5)
    expect(await page.locator('.admin-search__status').innerText()).toMatch(
      /published results\. The first 5 of each kind are listed\./,
    )
    const firstTitle = await page.locator('.admin-search__result').first().locator('.admin-search__title').innerText()
    expect(firstTitle).toContain('Fallout')
    await searchBox().press('Enter')
    await page.waitForURL(/\/admin\/collections\/reviews\/[^/]+$/)
    await expect.poll(() => page.locator('#field-title').inputValue()).toBe(firstTitle)
  })

  it('should reach a track with the arrow keys and open it with Enter', async () => {
    await page.goto('/admin')
    await search('kashmir')
    // The film lists the track among its names, so it comes first (films before tracks), then the track.
    await searchBox().press('ArrowDown')
    const focused = page.locator('.admin-search__result:focus')
    await expect.poll(() => focused.locator('.admin-search__title').innerText()).toBe('Mission: Impossible – Fallout')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => focused.locator('.admin-search__title').innerText()).toBe('Kashmir')
    expect(await focused.locator('.admin-search__film').innerText()).toBe('Mission: Impossible – Fallout')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/admin\/collections\/tracks\/[^/]+$/)
    await expect.poll(() => page.locator('#field-title').inputValue()).toBe('Kashmir')
  })

  it('should open a composer on click, and find no draft review', async () => {
    await page.goto('/admin')
    await search('wick')
    // Only the Fallout column, whose excerpt names John Wick: the John Wick review is a draft.
    await expect
      .poll(() => page.locator('.admin-search__result').allTextContents())
      .toContainEqual(expect.stringContaining('John Wick'))
    expect(await page.locator('.admin-search__title').allTextContents()).not.toContain(
      'Exploring Soundtracks: John Wick',
    )
    await searchBox().fill('balfe')
    const composer = page.locator('.admin-search__result', { hasText: 'Lorne Balfe' })
    await composer.waitFor()
    await composer.click()
    await page.waitForURL(/\/admin\/collections\/composers\/[^/]+$/)
    await expect.poll(() => page.locator('#field-name').inputValue()).toBe('Lorne Balfe')
  })
})
