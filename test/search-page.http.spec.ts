import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { startAdminServer } from './e2e/harness'

/*
 * The reader site's /search page as the express server serves it (the built app, production mode,
 * the demo column): the plugin's own search, grouped by kind, with marks, counts and pages; refused
 * parameters are a 400 page, hostile text is only ever text.
 */

let server: RunningServer
let admin: Record<string, string>

const page = async (query: string, init?: RequestInit) => {
  const response = await fetch(`${server.url}/search${query}`, { redirect: 'manual', ...init })
  // Without the comments React puts between neighbouring text nodes.
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.text()).replaceAll('<!-- -->', ''),
  }
}

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0

/** The `<section>` of one group of results, by its heading's id. */
const group = (body: string, type: string): string =>
  new RegExp(`<section aria-labelledby="results-${type}"[\\s\\S]*?</section>`).exec(body)?.[0] ?? ''

const results = (markup: string): string[] =>
  [...markup.matchAll(/<li class="search-result">[\s\S]*?<\/li>/g)].map(([item]) => item)

describe('the /search page', () => {
  beforeAll(async () => {
    server = await startAdminServer({
      name: 'search_page',
      beforeListen: async (payload) => void (await seedDemo({ payload })),
    })
    const registered = await fetch(`${server.url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.test', password: 'search-Admin-password-1', name: 'Search Admin' }),
    })
    expect(registered.status).toBe(200)
    admin = { Authorization: `JWT ${((await registered.json()) as { token: string }).token}` }
    // The first run builds the admin app.
  }, 900_000)

  afterAll(async () => {
    await server?.close()
  })

  it('should show a plain form, one h1, lang, the skip link and noindex, with no q or a blank one', async () => {
    for (const query of ['', '?q=', '?q=%20%20']) {
      const { status, body } = await page(query)
      expect(status, query).toBe(200)
      expect(body).toMatch(/<html lang="en"/)
      expect(count(body, /<h1\b/g)).toBe(1)
      expect(body).toContain('href="#main"')
      expect(body).toContain('<meta name="robots" content="noindex"/>')
      expect(body).toMatch(
        /<form role="search" aria-label="The column" class="search-form" action="\/search" method="get">/,
      )
      expect(body).toContain('<label for="search-q">')
      expect(body).not.toContain('search-result')
      expect(body).not.toContain('role="alert"')
    }
  })

  it('should group “fallout” by kind with counts, marks and links, five of each and a link to the rest', async () => {
    const { status, body, headers } = await page('?q=fallout')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^text\/html/)
    const api = (await (await fetch(`${server.url}/api/search?q=fallout`)).json()) as {
      facets: Record<string, number>
    }
    expect(api.facets.review).toBe(1)
    expect(api.facets.track).toBe(26)
    // Facets: each kind that has results is a link to it alone.
    expect(body).toContain('<nav aria-label="Kinds of result"')
    expect(body).toMatch(/<a href="\/search\?q=fallout" aria-current="page">All <span class="facet__count">\d+<\/span>/)
    expect(body).toContain('<a href="/search?q=fallout&amp;type=track">Tracks <span class="facet__count">26</span></a>')
    const headings = [...body.matchAll(/<h2 id="results-(\w+)">/g)].map(([, type]) => type)
    expect(headings).toEqual(['review', 'film', 'composer', 'track'].filter((type) => api.facets[type] > 0))
    expect(headings).toEqual(expect.arrayContaining(['review', 'film', 'track']))

    const [review] = results(group(body, 'review'))
    expect(review).toMatch(/<a href="\/reviews\/[^"]+">/)
    expect(review).toContain('<mark>Fallout</mark>')
    const film = results(group(body, 'film'))
    expect(film[0]).toContain('<a href="/films/mission-impossible-fallout">')
    const tracks = group(body, 'track')
    expect(results(tracks)).toHaveLength(5)
    // The track called Fallout ranks first, linked to its film's page; its snippet is the title itself
    // (SQLite: the title marked in the link) or the title with the film's names (PostgreSQL: below it).
    expect(results(tracks)[0]).toMatch(
      /<a href="\/films\/mission-impossible-fallout">(<span><mark>Fallout<\/mark><\/span>|Fallout)<\/a>/,
    )
    expect(results(tracks)[0]).toContain('<mark>Fallout</mark>')
    expect(results(tracks)[0]).toContain('A track of <cite>Mission: Impossible – Fallout</cite>')
    expect(tracks).toContain('<a href="/search?q=fallout&amp;type=track">All 26 tracks</a>')
  })

  it('should page through one kind, with the current kind marked and previous/next links', async () => {
    const first = await page('?q=fallout&type=track')
    expect(first.status).toBe(200)
    expect(first.body).toContain('<a href="/search?q=fallout&amp;type=track" aria-current="page">Tracks')
    expect(results(first.body)).toHaveLength(20)
    expect(first.body).toContain('<span>Page 1 of 2</span>')
    expect(first.body).toContain('<a href="/search?q=fallout&amp;type=track&amp;page=2" rel="next">Next</a>')
    expect(first.body).not.toContain('rel="prev"')

    const second = await page('?q=fallout&type=track&page=2')
    expect(results(second.body)).toHaveLength(6)
    expect(second.body).toContain('<ol class="search-results" start="21">')
    expect(second.body).toContain('<a href="/search?q=fallout&amp;type=track" rel="prev">Previous</a>')

    const past = await page('?q=fallout&type=track&page=9')
    expect(past.status).toBe(200)
    expect(past.body).toContain('There is no page 9: the 26 tracks fit on 2.')
  })

  it('should find published content only: the John Wick review is a draft', async () => {
    const { body } = await page('?q=wick')
    expect(body).toContain('<a href="/films/john-wick">')
    // Only the Fallout column, which mentions John Wick in its excerpt.
    const reviews = results(group(body, 'review'))
    expect(reviews).toHaveLength(1)
    expect(reviews[0]).toContain('Fallout')
    expect(reviews[0]).toContain('<mark>Wick</mark>')
    expect(body).not.toContain('Exploring Soundtracks: John Wick')
  })

  it('should answer a refused type or page with a 400 page that says which, on GET and HEAD', async () => {
    for (const [query, name] of [
      ['?q=fallout&type=album', '“type”'],
      ['?q=fallout&type=track&page=0', '“page”'],
      ['?q=fallout&page=abc', '“page”'],
    ]) {
      const { status, body } = await page(query)
      expect(status, query).toBe(400)
      expect(body).toContain('role="alert"')
      expect(body).toContain(name)
      expect(count(body, /<h1\b/g)).toBe(1)
      expect((await page(query, { method: 'HEAD' })).status, `HEAD ${query}`).toBe(400)
    }
  })

  it('should answer HEAD with the GET’s status and headers and no body, and serve a second GET from the cache', async () => {
    const get = await page('?q=kashmir')
    expect(get.status).toBe(200)
    const head = await page('?q=kashmir', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    expect((await page('?q=kashmir')).headers.get('x-cache')).toBe('hit')
    expect(get.headers.get('cache-control')).toMatch(/^public/)
  })

  it('should show a renamed track at the next request, and a signed-in search uncached', async () => {
    const { docs } = (await (await fetch(`${server.url}/api/tracks?where[title][equals]=Kashmir&depth=0`)).json()) as {
      docs: { id: number | string }[]
    }
    expect(results(group((await page('?q=kashmir')).body, 'track'))).toHaveLength(1)
    const renamed = await fetch(`${server.url}/api/tracks/${docs[0].id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Srinagar' }),
    })
    expect(renamed.status).toBe(200)
    const after = await page('?q=kashmir')
    expect(after.headers.get('x-cache')).toBe('miss')
    expect(group(after.body, 'track')).toBe('')
    expect(results(group((await page('?q=srinagar')).body, 'track'))).toHaveLength(1)
    const signedIn = await page('?q=srinagar', { headers: admin })
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
  })

  it('should answer hostile queries below 500 and never echo them as markup', async () => {
    const hostile = [
      '"',
      '"unbalanced',
      'fall*',
      '*',
      'NEAR(fallout kashmir)',
      'fallout OR 1=1',
      '((fallout)',
      'fallout\u0000kashmir',
      "'; DROP TABLE tracks; --",
      '" OR ""="',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '</title><svg onload=alert(1)>',
      '&lt;b&gt;',
      'a'.repeat(10_000),
      'fallout '.repeat(1_250),
    ]
    for (const q of hostile) {
      for (const headers of [{}, admin]) {
        const { status, body } = await page(`?q=${encodeURIComponent(q)}`, { headers })
        const label = `${q.slice(0, 40)} ${Object.keys(headers).length ? 'signed in' : 'anonymous'}`
        expect(status, label).toBeLessThan(500)
        expect(status, label).toBe(200)
        expect(body, label).not.toContain('\u0000')
        for (const markup of ['<script>alert', '<img src=x', '<svg onload', '"><img', '<b>']) {
          expect(body, label).not.toContain(markup)
        }
      }
    }
    // The query comes back as the input's value, escaped, and at most 200 characters of it.
    const { body } = await page(`?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
    expect(body).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
    const long = await page(`?q=${'a'.repeat(10_000)}`)
    expect(long.body).not.toContain('a'.repeat(201))
    // Too long for an HTTP request line at all: the server refuses it, still below 500.
    const tooLong = await page(`?q=${encodeURIComponent('<script>'.repeat(10_000))}`)
    expect(tooLong.status).toBeGreaterThanOrEqual(400)
    expect(tooLong.status).toBeLessThan(500)
  })

  it('should put a search box in every page’s header', async () => {
    for (const path of ['/', '/reviews', '/search?q=fallout']) {
      const response = await fetch(`${server.url}${path}`)
      const body = await response.text()
      expect(body, path).toMatch(
        /<form role="search" aria-label="Site" class="masthead__search" action="\/search" method="get">/,
      )
      expect(body, path).toContain('<label for="masthead-q" class="visually-hidden">Search the column</label>')
    }
  })
})
