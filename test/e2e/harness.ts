import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'

import type { RunningServer } from '../../cms/server'

import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

import { ensureAdminBuild } from '../../cms/adminBuild'
import { testDatabaseURI } from '../helpers'

/** The system's Chromium: browser tests never download one. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export const VIEWPORT = { width: 1440, height: 900 }

/** A port nothing listens on right now, so the config can be told it before the server starts. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

/**
 * The express server with the built admin over a fresh SQLite database, as `npm start` runs it
 * (production mode, migrations, the job runner), on a free port. `beforeListen` can seed.
 */
export const startAdminServer = async ({
  name,
  beforeListen,
}: {
  name: string
  beforeListen?: (payload: Payload) => Promise<void>
}): Promise<RunningServer> => {
  process.env.PAYLOAD_SECRET ||= 'e2e-secret-not-for-production'
  process.env.DATABASE_URI = testDatabaseURI(name)
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  // Like src/start.ts: the built admin runs in production mode, whatever the test runner set.
  Object.assign(process.env, { NODE_ENV: 'production' })
  // The config's serverURL (CSRF allow-list, the admin's API calls) must name the port the browser uses.
  const port = await freePort()
  process.env.PORT = String(port)
  ensureAdminBuild()
  const { default: config } = await import('../../cms/payload.config')
  const { startServer } = await import('../../cms/server')
  return startServer({ config, port, admin: true, beforeListen })
}

export type BrowserSession = { browser: Browser; context: BrowserContext; page: Page; close: () => Promise<void> }

export const openBrowser = async (baseURL: string): Promise<BrowserSession> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.setDefaultNavigationTimeout(90_000)
  return { browser, context, page, close: () => browser.close() }
}

export const screenshotDir = (): string => mkdtempSync(path.join(tmpdir(), 'soundtrack-e2e-'))

/**
 * GET on the API from inside the page, as the admin's own code calls it: with a CSRF allow-list the
 * session cookie counts only on requests a browser marks as coming from the server's origin.
 */
export const apiGet = <T>(page: Page, apiPath: string): Promise<T> =>
  page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).json(), apiPath) as Promise<T>

/** Payload's first-user screen: the first account is always an admin. */
export const createFirstAdmin = async (page: Page, user: { email: string; password: string }): Promise<void> => {
  await page.goto('/admin')
  await page.waitForURL('**/admin/create-first-user', { timeout: 90_000 })
  await page.locator('#field-email').fill(user.email)
  await page.locator('#field-password').fill(user.password)
  await page.locator('#field-confirm-password').fill(user.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.includes('create-first-user'), { timeout: 90_000 })
}

export const login = async (page: Page, user: { email: string; password: string }): Promise<void> => {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(user.email)
  await page.locator('#field-password').fill(user.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 90_000 })
}

/** Picks an option in one of Payload's relationship / select inputs (react-select). */
export const pickOption = async (page: Page, fieldSelector: string, optionText: string): Promise<void> => {
  const field = page.locator(fieldSelector)
  await field.locator('.rs__control').click()
  await field.locator('.rs__input, input').first().fill(optionText)
  await page.locator('.rs__option', { hasText: optionText }).first().click()
}

/** Clicks a save button and waits for Payload's success toast. */
export const saveAndWait = async (page: Page, buttonSelector = '#action-save'): Promise<void> => {
  await page.locator(buttonSelector).click()
  await page.locator('.payload-toast-container .toast-success').first().waitFor()
}
