import type { PayloadRequest } from 'payload'

import type { RunningServer } from '../cms/server'

import { createLocalReq } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { seedDemo } from '../cms/seed'
import { PREVIEW_LINK_SECONDS } from '../cms/site/previewLink'
import { startAdminServer } from './e2e/harness'
import { setClock, uniqueTitle } from './helpers'

/*
 * Previews of a review on the app's own page, over HTTP against the server `npm start` runs (in this
 * process, so the clock can be moved): the newest version for a signed-in editor or a signed link,
 * never for anyone else, and never into or out of the page cache.
 */

type Review = { id: number | string; slug: string; title: string; _status: string }

const BANNER = 'This version is not published: readers cannot see it until it is.'

/** Text content with tags removed and the entities React writes decoded, whitespace collapsed. */
const textOf = (markup: string): string =>
  markup
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

const h1Of = (markup: string): string => textOf(/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(markup)?.[1] ?? '').trim()

/** Scripts other than the JSON-LD: Next's runtime, which only signed-in pages keep. */
const scriptCount = (markup: string): number => (markup.match(/<script\b(?![^>]*application\/ld\+json)/g) ?? []).length

let server: RunningServer
/** What a browser sends from the admin's own origin with the session cookie (the Live Preview iframe). */
let editor: Record<string, string>
let johnWick: Review
let fallout: Review

const page = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const response = await fetch(`${server.url}${path}`, { method, headers, redirect: 'manual' })
  const body = await response.text()
  return { status: response.status, body, headers: response.headers, text: textOf(body), title: h1Of(body) }
}

/** The address the admin's Preview button opens for `review`, signed now (the collection's own `admin.preview`). */
const previewButtonURL = async (review: Review): Promise<string> => {
  const { payload } = server
  const req: PayloadRequest = await createLocalReq({}, payload)
  const url = await payload.collections.reviews.config.admin.preview!(review, { req, locale: 'en', token: null })
  expect(url).toMatch(new RegExp(`^/reviews/${review.slug}\\?draft=true&expires=\\d+&signature=[\\w-]+$`))
  return url!
}

describe('review previews on the review page', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'preview_pages',
      beforeListen: async (payload) => {
        await seedDemo({ payload })
      },
    })
    const registered = await fetch(`${server.url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@example.test', password: 'preview-Editor-password-1', name: 'Ed Itor' }),
    })
    expect(registered.status).toBe(200)
    const { token } = (await registered.json()) as { token: string }
    editor = { Cookie: `payload-token=${token}`, 'Sec-Fetch-Site': 'same-origin' }
    const { docs } = (await (
      await fetch(`${server.url}/api/reviews?draft=true&depth=0&sort=seriesPart`, { headers: editor })
    ).json()) as { docs: Review[] }
    ;[johnWick, fallout] = docs
    expect(johnWick._status).toBe('draft')
    expect(fallout._status).toBe('published')
  }, 900_000)

  afterEach(() => {
    vi.useRealTimers()
  })

  afterAll(async () => {
    await server?.close()
  })

  it('should answer an anonymous reader 404 for a draft, asked for with draft=true or not', async () => {
    for (const path of [`/reviews/${johnWick.slug}`, `/reviews/${johnWick.slug}?draft=true`]) {
      const { status, text } = await page(path)
      expect(status, path).toBe(404)
      expect(text, path).toContain('Page not found')
      expect(text, path).not.toContain(johnWick.title)
    }
    expect((await page(`/reviews/${johnWick.slug}?draft=true`, {}, 'HEAD')).status).toBe(404)
  })

  it('should show a signed-in editor the draft with its banner, privately, with the live preview code', async () => {
    const { status, body, text, title, headers } = await page(`/reviews/${johnWick.slug}?draft=true`, editor)
    expect(status).toBe(200)
    expect(title).toBe(johnWick.title)
    expect(text).toContain(BANNER)
    expect(body).toContain('<meta name="robots" content="noindex"/>')
    expect(headers.get('cache-control')).toBe('private, no-store')
    expect(headers.get('x-cache')).toBeNull()
    // Next's runtime stays for an editor: the page refreshes itself when the admin saves.
    expect(scriptCount(body)).toBeGreaterThan(0)
    // Without draft=true an editor reads what readers read.
    expect((await page(`/reviews/${johnWick.slug}`, editor)).status).toBe(404)
  })

  it('should not take a cookie Payload does not accept as a signed-in editor', async () => {
    // The session cookie sent from another site: Payload's CSRF rule ignores it, so this is a reader.
    const crossSite = { ...editor, 'Sec-Fetch-Site': 'cross-site' }
    expect((await page(`/reviews/${johnWick.slug}?draft=true`, crossSite)).status).toBe(404)
    const forged = { Cookie: 'payload-token=not-a-token', 'Sec-Fetch-Site': 'same-origin' }
    expect((await page(`/reviews/${johnWick.slug}?draft=true`, forged)).status).toBe(404)
  })

  it('should open the draft for anyone holding the Preview button’s signed link, for ten minutes', async () => {
    const signedAt = Date.now()
    const url = await previewButtonURL(johnWick)
    const opened = await page(url)
    expect(opened.status).toBe(200)
    expect(opened.title).toBe(johnWick.title)
    expect(opened.text).toContain(BANNER)
    expect(opened.headers.get('cache-control')).toBe('private, no-store')
    expect(opened.headers.get('x-cache')).toBeNull()
    // Someone not signed in gets a document: no script but the JSON-LD, as every reader.
    expect(scriptCount(opened.body)).toBe(0)

    setClock(new Date(signedAt + (PREVIEW_LINK_SECONDS - 15) * 1000))
    expect((await page(url)).status, 'just before it expires').toBe(200)
    setClock(new Date(signedAt + (PREVIEW_LINK_SECONDS + 1) * 1000))
    const expired = await page(url)
    expect(expired.status, 'once it has expired').toBe(404)
    expect(expired.text).toContain('Page not found')
    expect(expired.headers.get('cache-control')).toBe('private, no-store')
    // A signed-in editor still sees it: the link was only for those who are not.
    expect((await page(url, editor)).status).toBe(200)
  })

  it('should answer a tampered link with the normal 404', async () => {
    const url = new URL(await previewButtonURL(johnWick), server.url)
    const expires = url.searchParams.get('expires')!
    const signature = url.searchParams.get('signature')!
    const otherSlug = new URL(await previewButtonURL(fallout), server.url).searchParams
    const tampered = [
      { expires: String(Number(expires) + 3_600), signature },
      { expires, signature: `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}` },
      { expires, signature: signature.slice(1) },
      { expires, signature: '' },
      { expires: 'tomorrow', signature },
      // Fallout's signature on John Wick's page.
      { expires: otherSlug.get('expires')!, signature: otherSlug.get('signature')! },
    ]
    for (const query of tampered) {
      const path = `/reviews/${johnWick.slug}?draft=true&${new URLSearchParams(query)}`
      const { status, text, headers } = await page(path)
      expect(status, path).toBe(404)
      expect(text, path).toContain('Page not found')
      expect(headers.get('cache-control'), path).toBe('private, no-store')
    }
    // A link without draft=true is a reader's request.
    expect((await page(`/reviews/${johnWick.slug}?expires=${expires}&signature=${signature}`)).status).toBe(404)
  })

  it('should never serve a preview from the page cache, nor an anonymous reader the draft from it afterwards', async () => {
    const path = `/reviews/${fallout.slug}`
    // A reader's copy of the published page in the cache first.
    await expect
      .poll(async () => (await page(path)).headers.get('x-cache'), { timeout: 5_000, interval: 100 })
      .toBe('hit')
    const draftTitle = uniqueTitle('Fallout, a draft in progress')
    const saved = await fetch(`${server.url}/api/reviews/${fallout.id}?draft=true`, {
      method: 'PATCH',
      headers: { ...editor, 'content-type': 'application/json', Origin: new URL(server.url).origin },
      body: JSON.stringify({ title: draftTitle }),
    })
    expect(saved.status, await saved.clone().text()).toBe(200)

    // The editor's and the link's previews are the draft, never the cached published page.
    const signed = await previewButtonURL(fallout)
    for (const [label, preview] of [
      ['editor', await page(`${path}?draft=true`, editor)],
      ['link', await page(signed)],
    ] as const) {
      expect(preview.status, label).toBe(200)
      expect(preview.title, label).toBe(draftTitle)
      expect(preview.text, label).toContain(BANNER)
      expect(preview.headers.get('x-cache'), label).toBeNull()
      expect(preview.headers.get('cache-control'), label).toBe('private, no-store')
    }

    // Readers keep the published column, from the cache and afresh, on GET and HEAD.
    for (let ask = 0; ask < 3; ask++) {
      const reader = await page(path)
      expect(reader.status).toBe(200)
      expect(reader.title).toBe(fallout.title)
      expect(reader.text).not.toContain(draftTitle)
      expect(reader.text).not.toContain(BANNER)
      expect(reader.headers.get('cache-control')).toMatch(/^public/)
    }
    expect((await page(path, {}, 'HEAD')).status).toBe(200)
    expect((await page(`/reviews/${johnWick.slug}`)).status).toBe(404)
    const api = (await (await fetch(`${server.url}/api/reviews/by-slug/${fallout.slug}`)).json()) as { title: string }
    expect(api.title).toBe(fallout.title)
    // The signed link's address, once expired, is a reader's request again: the published column.
    setClock(new Date(Date.now() + (PREVIEW_LINK_SECONDS + 1) * 1000))
    const expired = await page(signed)
    expect(expired.title).toBe(fallout.title)
    expect(expired.text).not.toContain(draftTitle)
  })
})
