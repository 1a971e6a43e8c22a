import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../../cms/seed'
import { uniqueTitle } from '../helpers'
import { createFirstAdmin, openBrowser, saveAndWait, startAdminServer } from './harness'

/*
 * Live Preview in the admin, as an editor uses it: the review's own page in an iframe beside the
 * form, showing a draft as soon as it is saved, while readers keep the published column.
 */

const ADMIN = { email: 'preview-admin@example.test', password: 'preview-Admin-password-1' }

let server: RunningServer
let session: BrowserSession
let fallout: { id: number | string; slug: string; title: string }

describe('Live Preview (browser)', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'e2e_preview',
      beforeListen: async (payload) => {
        await seedDemo({ payload })
      },
    })
    session = await openBrowser(server.url)
    await createFirstAdmin(session.page, ADMIN)
    const { docs } = (await (await fetch(`${server.url}/api/reviews?limit=1&depth=0`)).json()) as {
      docs: (typeof fallout)[]
    }
    fallout = docs[0]
  })

  afterAll(async () => {
    await session?.close()
    await server?.close()
  })

  it('should show a typed title in the preview once the draft is saved, and never to an anonymous reader', async () => {
    const { page, browser } = session
    const readerPath = `/reviews/${fallout.slug}`
    // A reader's copy of the published page is in the cache before the editor starts.
    await expect
      .poll(async () => (await fetch(`${server.url}${readerPath}`)).headers.get('x-cache'), { timeout: 5_000 })
      .toBe('hit')

    await page.goto(`/admin/collections/reviews/${fallout.id}`)
    await page.locator('#field-title').waitFor()
    await page.getByRole('button', { name: 'Live Preview', exact: true }).click()
    const preview = page.frameLocator('#live-preview-iframe')
    await expect.poll(() => preview.locator('h1').innerText(), { timeout: 30_000 }).toBe(fallout.title)

    // The sizes an editor checks the column at.
    await page
      .locator('.live-preview-toolbar-controls__breakpoint')
      .getByRole('button', { name: 'Responsive', exact: true })
      .click()
    for (const size of ['Mobile', 'Tablet', 'Desktop']) {
      await page.getByRole('button', { name: size, exact: true }).waitFor()
    }
    await page.getByRole('button', { name: 'Mobile', exact: true }).click()
    await expect.poll(() => preview.locator('body').evaluate(() => window.innerWidth)).toBe(375)

    const draftTitle = uniqueTitle('Fallout, still in draft')
    await page.locator('#field-title').fill(draftTitle)
    await saveAndWait(page, '#action-save-draft')
    await expect.poll(() => preview.locator('h1').innerText(), { timeout: 30_000 }).toBe(draftTitle)
    await expect.poll(() => preview.locator('.draft-notice').innerText()).toContain('not published')

    // A reader, in a browser of their own, at the page's address and at the iframe's.
    const reader = await browser.newContext({ baseURL: server.url })
    try {
      const readerPage = await reader.newPage()
      for (const path of [readerPath, `${readerPath}?draft=true`]) {
        const response = await readerPage.goto(path)
        expect(response?.status(), path).toBe(200)
        expect(await readerPage.locator('h1').innerText(), path).toBe(fallout.title)
        expect(await readerPage.locator('body').innerText(), path).not.toContain(draftTitle)
        expect(await readerPage.locator('.draft-notice').count(), path).toBe(0)
      }
    } finally {
      await reader.close()
    }
    const cached = await fetch(`${server.url}${readerPath}`)
    expect(cached.headers.get('cache-control')).toMatch(/^public/)
    expect(await cached.text()).not.toContain(draftTitle)
  })
})
