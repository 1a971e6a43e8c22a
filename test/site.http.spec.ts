import type { ChildProcess } from 'node:child_process'
import type { Payload } from 'payload'

import type { QueryCall } from './helpers'

import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureAdminBuild } from '../cms/adminBuild'
import { freePort } from './e2e/harness'
import { createPostgresDatabase, isJobPoll, recordQueries, startPayload, testDatabaseURI, uniqueTitle } from './helpers'

/*
 * The reader pages as `npm start` serves them: the server start.ts runs, in a child process, in
 * production mode, with the built admin app, on a database with the demo column and no SITE_URL:
 * every link the CMS hands out must resolve on the instance that handed it out. On PostgreSQL
 * (TEST_DB=postgres) two instances share the database and each change made through the first must
 * show on both; SQLite is for one instance (README, Running more than one instance: two processes
 * contend for its one write lock, so a change's cache versions may land after its answer).
 */
const isMultiInstance = !process.env.MONGODB_URI && process.env.TEST_DB === 'postgres'

type Instance = { url: string; output: () => string; stop: () => Promise<void> }

const running: Instance[] = []
const SECRET = 'test-secret-not-for-production'

/**
 * What `cms/start.ts` runs, in a process of its own, minus its build check: the spec builds the admin
 * once, and a rebuild started by a source edited meanwhile would only make a start slower.
 */
const LAUNCH = `
const { default: config } = await import('./cms/payload.config.ts')
const { startServer } = await import('./cms/server.ts')
const { seedDemo } = await import('./cms/seed/index.ts')
const isSeeding = process.env.SEED_DEMO === 'true'
const server = await startServer({
  config,
  port: Number(process.env.PORT),
  beforeListen: isSeeding ? async (payload) => void (await seedDemo({ payload })) : undefined,
})
console.log('API: ' + server.url + '/api ')
process.once('SIGTERM', () => server.close().then(() => process.exit(0)))
`

/** The app on `uri` and a port of its own; resolves once it logs its URLs. */
const startInstance = async (uri: string, env: Record<string, string> = {}): Promise<Instance> => {
  const port = await freePort()
  const inherited = { ...process.env }
  for (const name of ['SITE_URL', 'SERVER_URL', 'REVIEW_URL', 'SERVE_SITE', 'SERVE_ADMIN', 'REDIS_URL']) {
    delete inherited[name]
  }
  return new Promise((resolve, reject) => {
    const conditions = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []
    const node = [...conditions, '--import', 'tsx', '--input-type=module', '-e', LAUNCH]
    const child: ChildProcess = spawn(process.execPath, node, {
      env: {
        ...inherited,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URI: uri,
        PAYLOAD_SECRET: SECRET,
        PORT: String(port),
        SEED_DEMO: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /API: (http:\/\/\S+)\/api /.exec(output)?.[1]
      if (url) {
        child.stdout?.off('data', onData)
        child.stdout?.on('data', (more: Buffer) => (output += more.toString()))
        const instance: Instance = {
          url,
          output: () => output,
          stop: async () => {
            child.kill('SIGTERM')
            await exited
          },
        }
        running.push(instance)
        resolve(instance)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before listening:\n${output}`)))
  })
}

const get = (url: string, init?: RequestInit) => fetch(url, { redirect: 'manual', ...init })

const html = async (url: string, init?: RequestInit): Promise<{ status: number; body: string; headers: Headers }> => {
  const response = await get(url, init)
  return { status: response.status, body: await response.text(), headers: response.headers }
}

/** Text content with tags removed and entities React writes decoded, whitespace collapsed. */
const textOf = (markup: string): string =>
  markup
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0

/** The `<tbody>` rows of the table whose caption matches `caption`. */
const tableRows = (markup: string, caption: RegExp): string[] => {
  const table = [...markup.matchAll(/<table\b[\s\S]*?<\/table>/g)].map(([match]) => match).find((t) => caption.test(t))
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table ?? '')?.[1] ?? ''
  return [...body.matchAll(/<tr\b[\s\S]*?<\/tr>/g)].map(([row]) => row)
}

const jsonLdOf = (markup: string): string | undefined =>
  /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(markup)?.[1]

type Published = { id: number | string; slug: string; title: string; film: number | string }

describe(`reader pages from npm start, ${isMultiInstance ? 'two instances on one PostgreSQL database' : 'one instance'}`, () => {
  let first: Instance
  let second: Instance
  let admin: Record<string, string>
  let fallout: Published
  let uri: string

  /** Every instance serving the pages: a change made through the first must show on each. */
  const instances = () => [...new Set([first, second])]

  const as = (headers: Record<string, string>, method: string, body: unknown) => ({
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  /** Writes through the first instance as the admin; fails the test on anything but 200. */
  const write = async (path: string, method: string, body: unknown) => {
    const response = await fetch(`${first.url}${path}`, as(admin, method, body))
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(200)
    return response.json() as Promise<{ doc: Record<string, unknown> }>
  }

  /**
   * The page on every instance, each already holding it in its cache, so a change must invalidate it.
   * Asked until it is a hit: an earlier write's last tag versions may land just after its answer.
   */
  const warm = async (path: string) => {
    for (const instance of instances()) {
      await expect
        .poll(async () => (await get(`${instance.url}${path}`)).headers.get('x-cache'), {
          message: `${instance.url}${path} is cached`,
          timeout: 5_000,
          interval: 100,
        })
        .toBe('hit')
    }
  }

  beforeAll(async () => {
    process.env.PAYLOAD_SECRET ||= SECRET
    ensureAdminBuild()
    uri = testDatabaseURI('site_pages')
    if (isMultiInstance) {
      await createPostgresDatabase(uri)
    }
    first = await startInstance(uri, { SEED_DEMO: 'true' })
    second = isMultiInstance ? await startInstance(uri) : first
    const registered = await fetch(`${first.url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.test', password: 'site-Admin-password-1', name: 'Site Admin' }),
    })
    expect(registered.status).toBe(200)
    admin = { Authorization: `JWT ${((await registered.json()) as { token: string }).token}` }
    const { docs } = (await (await fetch(`${first.url}/api/reviews?limit=1&depth=0`)).json()) as { docs: Published[] }
    fallout = docs[0]
  }, 900_000)

  afterAll(async () => {
    await Promise.all(running.map((instance) => instance.stop()))
  })

  it('should serve the front page with the latest review, its film, composer, date and excerpt, and the feeds', async () => {
    const { status, body, headers } = await html(`${first.url}/`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toMatch(/<html lang="en"/)
    expect(count(body, /<h1\b/g)).toBe(1)
    expect(body).toContain('href="#main"')
    const text = textOf(body)
    expect(text).toContain(fallout.title)
    expect(text).toContain('Mission: Impossible – Fallout (2018)')
    expect(body).toContain('<a href="/composers/lorne-balfe">Lorne Balfe</a>')
    expect(text).toContain('3 August 2018')
    expect(text).toContain('Lorne Balfe’s music for Fallout is more traditional')
    for (const [type, format] of [
      ['application/rss+xml', 'rss'],
      ['application/atom+xml', 'atom'],
      ['application/feed+json', 'json'],
    ]) {
      expect(body).toMatch(
        new RegExp(
          `<link rel="alternate" type="${type.replace('+', '\\+')}"[^>]*href="/api/feeds/reviews\\.${format}"`,
        ),
      )
    }
    // A draft is nobody's news.
    expect(text).not.toContain('John Wick weeks')
  })

  it('should serve the whole Fallout column: film, cue sheet, all 26 tracks with 1:35:45, and the API’s JSON-LD', async () => {
    const { status, body } = await html(`${first.url}/reviews/${fallout.slug}`)
    expect(status).toBe(200)
    expect(count(body, /<h1\b/g)).toBe(1)
    const text = textOf(body)
    expect(text).toContain(fallout.title)
    expect(text).toContain('3 August 2018')
    expect(body).toContain(
      '<a href="/films/mission-impossible-fallout"><cite>Mission: Impossible – Fallout</cite></a> (2018)',
    )
    expect(text).toContain('Christopher McQuarrie')
    expect(body).toContain('<a href="/composers/lorne-balfe">Lorne Balfe</a>')
    for (const heading of ['Plot recap', 'The music', 'Cue sheet', 'Final thoughts', 'Track list']) {
      expect(body).toMatch(new RegExp(`<h2 id="[^"]+">${heading}</h2>`))
    }
    expect(text).toContain('keeps to the shape the series is known for')
    expect(text).toContain('From Zimmer’s workshop')
    expect(text).toContain('the score keeps up with it all the way')

    const cues = tableRows(body, /cue-sheet-caption/)
    expect(cues).toHaveLength(6)
    expect(cues[0]).toContain('<time dateTime="PT0S">0:00</time>')
    expect(cues[3]).toContain('<time dateTime="PT900S">15:00</time>')
    expect(cues[5]).toContain('<a href="#track-1-14">14. The Exchange</a>')
    expect(body).toContain('<tr id="track-1-14">')

    const tracks = tableRows(body, /track-list-caption/)
    expect(tracks).toHaveLength(26)
    expect(tracks[0]).toMatch(/A Storm Is Coming[\s\S]*<time dateTime="PT1M12S">1:12<\/time>/)
    expect(tracks[25]).toMatch(/Mission: Accomplished[\s\S]*1:15/)
    expect(text).toMatch(/26 tracks, 1:35:45/)
    expect(body).toMatch(/<tfoot>[\s\S]*Total runtime[\s\S]*<time dateTime="PT1H35M45S">1:35:45<\/time>/)
    // The related review is John Wick's, a draft: not linked.
    expect(body).not.toMatch(/<h2 id="related">/)

    const jsonLd = await (await fetch(`${first.url}/api/reviews/${fallout.id}/json-ld`)).text()
    expect(jsonLdOf(body)).toBe(jsonLd)
    const { url } = (await (await fetch(`${first.url}/api/reviews/by-slug/${fallout.slug}`)).json()) as { url: string }
    expect(url).toBe(`${first.url}/reviews/${fallout.slug}`)
    expect(body).toContain(`<link rel="canonical" href="${url}"/>`)
    expect(body).toContain(`<meta property="og:url" content="${url}"/>`)
    expect(body).toContain('<meta property="og:type" content="article"/>')
    expect(body).toContain(`<meta name="twitter:title" content="${fallout.title}"/>`)
    // Readers get a document, not an app: no script but the JSON-LD.
    expect(count(body, /<script\b/g)).toBe(1)
  })

  it('should answer a draft, an unknown slug and an unknown film or composer with a 404 page, on GET and HEAD', async () => {
    const drafts = (await (await fetch(`${first.url}/api/reviews?draft=true&depth=0`, { headers: admin })).json()) as {
      docs: { slug: string; _status: string }[]
    }
    const johnWick = drafts.docs.find(({ _status }) => _status === 'draft')
    expect(johnWick?.slug).toBeTruthy()
    for (const path of [
      `/reviews/${johnWick?.slug}`,
      '/reviews/no-such-review',
      '/films/no-such-film',
      '/composers/nobody',
    ]) {
      const { status, body } = await html(`${first.url}${path}`)
      expect(status, path).toBe(404)
      expect(textOf(body)).toContain('Page not found')
      expect(body).toContain('<meta name="robots" content="noindex"/>')
      expect((await get(`${first.url}${path}`, { method: 'HEAD' })).status, `HEAD ${path}`).toBe(404)
    }
    expect(textOf((await html(`${first.url}/films/john-wick`)).body)).toContain(
      'No review of this film has been published yet.',
    )
  })

  it('should answer 404 with the site’s page for a router’s request, a slug that is not valid percent-encoding and a path no route serves', async () => {
    const drafts = (await (await fetch(`${first.url}/api/reviews?draft=true&depth=0`, { headers: admin })).json()) as {
      docs: { slug: string; _status: string }[]
    }
    const johnWick = drafts.docs.find(({ _status }) => _status === 'draft')!
    const asks: [string, Record<string, string>?][] = [
      [`/reviews/${johnWick.slug}?_rsc=1`],
      ['/films/nope?_rsc=abc'],
      ['/reviews/nope', { 'next-router-prefetch': '1' }],
      ['/reviews/%ff'],
      ['/composers/%E0%A4%A'],
      ['/reviews/%'],
      ['/films'],
      ['/no-such-page'],
      ['/reviews/a/b'],
    ]
    for (const [path, headers = {}] of asks) {
      const response = await get(`${first.url}${path}`, { headers })
      const body = await response.text()
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(404)
      expect(body, path).toContain('Page not found')
      expect(body).not.toContain('John Wick')
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        expect(body, path).toMatch(/<html lang="en"/)
        expect(body, path).toContain('Skip to the content')
      }
      expect((await get(`${first.url}${path}`, { method: 'HEAD', headers })).status, `HEAD ${path}`).toBe(404)
    }
  })

  it('should answer HEAD on every page with the GET’s status and headers and no body', async () => {
    for (const path of [
      '/',
      '/reviews',
      `/reviews/${fallout.slug}`,
      '/films/mission-impossible-fallout',
      '/composers/lorne-balfe',
      '/sitemap.xml',
      '/robots.txt',
    ]) {
      const response = await get(`${first.url}${path}`, { method: 'HEAD' })
      expect(response.status, `HEAD ${path}`).toBe(200)
      expect(response.headers.get('content-type'), path).toBeTruthy()
      expect(await response.text(), path).toBe('')
    }
  })

  it('should give 200 for every link of ours in the feeds, the JSON-LD, the sitemap and robots.txt', async () => {
    const origin = first.url
    const sources = [
      '/api/feeds/reviews.rss',
      '/api/feeds/reviews.atom',
      '/api/feeds/reviews.json',
      `/api/reviews/${fallout.id}/json-ld`,
      '/sitemap.xml',
      '/robots.txt',
      '/api/schedule.ics',
    ]
    const links = new Set<string>()
    for (const source of sources) {
      const text = (await (await fetch(`${origin}${source}`)).text()).replace(/&amp;/g, '&').replace(/\\\//g, '/')
      const found = text.match(new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}[^\\s"'<>\\\\]*`, 'g')) ?? []
      expect(found.length, `links in ${source}`).toBeGreaterThan(0)
      found.forEach((link) => links.add(link))
    }
    expect([...links]).toContain(`${origin}/reviews/${fallout.slug}`)
    expect([...links]).toContain(`${origin}/reviews`)
    expect([...links]).toContain(`${origin}/composers/hans-zimmer`)
    for (const link of links) {
      expect((await get(link)).status, link).toBe(200)
    }
  })

  it('should list every published review, film and composer in the sitemap', async () => {
    const { status, body, headers } = await html(`${first.url}/sitemap.xml`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^application\/xml/)
    const locations = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc.replace(first.url, ''))
    expect(locations).toEqual(
      expect.arrayContaining([
        '/',
        '/reviews',
        `/reviews/${fallout.slug}`,
        '/films/mission-impossible-fallout',
        '/films/john-wick',
        '/composers/lorne-balfe',
        '/composers/hans-zimmer',
      ]),
    )
    expect(locations.filter((path) => path.startsWith('/reviews/'))).toHaveLength(1)
  })

  it('should show an admin’s edit of the review at the next request, on every instance', async () => {
    const path = `/reviews/${fallout.slug}`
    await warm(path)
    await warm('/')
    const title = uniqueTitle('Fallout, revisited')
    await write(`/api/reviews/${fallout.id}`, 'PATCH', { title, _status: 'published' })
    for (const instance of instances()) {
      const page = await html(`${instance.url}${path}`)
      expect(page.headers.get('x-cache'), instance.url).toBe('miss')
      expect(textOf(page.body)).toContain(title)
      expect(jsonLdOf(page.body)).toBe(await (await fetch(`${instance.url}/api/reviews/${fallout.id}/json-ld`)).text())
      expect(textOf((await html(`${instance.url}/`)).body)).toContain(title)
    }
  })

  it('should show a film, track or composer edit on the review page at the next request, on every instance', async () => {
    const path = `/reviews/${fallout.slug}`
    const film = (await (await fetch(`${first.url}/api/films/${fallout.film}?depth=0`)).json()) as { id: number }
    const { docs: tracks } = (await (
      await fetch(`${first.url}/api/tracks?where[film][equals]=${film.id}&where[number][equals]=14&depth=0`)
    ).json()) as { docs: { id: number }[] }
    const { docs: composers } = (await (
      await fetch(`${first.url}/api/composers?where[slug][equals]=lorne-balfe&depth=0`)
    ).json()) as { docs: { id: number }[] }

    await warm(path)
    const director = uniqueTitle('Director')
    await write(`/api/films/${film.id}`, 'PATCH', { director })
    for (const instance of instances()) {
      expect(textOf((await html(`${instance.url}${path}`)).body), instance.url).toContain(director)
    }

    await warm(path)
    const trackTitle = uniqueTitle('The Exchange')
    await write(`/api/tracks/${tracks[0].id}`, 'PATCH', { title: trackTitle, duration: '6:54' })
    for (const instance of instances()) {
      const { body } = await html(`${instance.url}${path}`)
      expect(body, instance.url).toContain(`<a href="#track-1-14">14. ${trackTitle}</a>`)
      expect(textOf(body)).toContain('26 tracks, 1:36:45')
    }

    await warm(path)
    await warm('/composers/lorne-balfe')
    const name = uniqueTitle('Lorne Balfe')
    await write(`/api/composers/${composers[0].id}`, 'PATCH', { name })
    for (const instance of instances()) {
      expect((await html(`${instance.url}${path}`)).body, instance.url).toContain(
        `<a href="/composers/lorne-balfe">${name}</a>`,
      )
      expect(textOf((await html(`${instance.url}/composers/lorne-balfe`)).body)).toContain(name)
    }
  })

  it('should show next week’s review on the front page as soon as it is queued, on every instance', async () => {
    await warm('/')
    const drafts = (await (await fetch(`${first.url}/api/reviews?draft=true&depth=0`, { headers: admin })).json()) as {
      docs: { id: number; title: string; _status: string }[]
    }
    const johnWick = drafts.docs.find(({ _status }) => _status === 'draft')
    await write('/api/globals/publication-schedule', 'POST', {
      enabled: true,
      weekday: 'friday',
      time: '09:00',
      timezone: 'Europe/London',
      queue: [johnWick?.id],
    })
    for (const instance of instances()) {
      const { body, headers } = await html(`${instance.url}/`)
      expect(textOf(body), instance.url).toMatch(/Next week .*John Wick/)
      // Kept no longer than the slot it announces.
      expect(Date.parse(headers.get('expires') ?? '')).toBeGreaterThan(Date.now())
    }
  })

  it('should keep the admin at /admin beside the pages', async () => {
    const login = await html(`${first.url}/admin/login`)
    expect(login.status).toBe(200)
    expect(login.body).toContain('/_next/static/')
    expect((await get(`${first.url}/admin`, { headers: admin })).status).toBe(200)
    // A path that is not valid percent-encoding names nothing: a 400, not the 500 Next's router gave.
    for (const path of ['/admin/%ff', '/admin/%', '/admin/collections/reviews/%E0%A4%A']) {
      expect((await get(`${first.url}${path}`, { headers: admin })).status, path).toBe(400)
    }
  })

  it('should send signed-in readers the page privately, never from or into the cache', async () => {
    const response = await get(`${first.url}/reviews/${fallout.slug}`, { headers: admin })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('x-cache')).toBeNull()
  })

  it('should turn the page into a 404 at the next request after the review is unpublished, on every instance', async () => {
    const path = `/reviews/${fallout.slug}`
    await warm(path)
    await warm('/sitemap.xml')
    await write(`/api/reviews/${fallout.id}`, 'PATCH', { _status: 'draft' })
    for (const instance of instances()) {
      expect((await get(`${instance.url}${path}`)).status, instance.url).toBe(404)
      expect((await html(`${instance.url}/sitemap.xml`)).body).not.toContain(path)
      expect(textOf((await html(`${instance.url}/`)).body)).toContain('No review has been published yet.')
    }
  })

  it('should show a queued review on its page within 2 s after the job publishes it at its slot, on every instance', async () => {
    const drafts = (await (await fetch(`${first.url}/api/reviews?draft=true&depth=0`, { headers: admin })).json()) as {
      docs: { id: number; slug: string; title: string }[]
    }
    // Fallout is a draft again since the unpublish above: this is the one never published.
    const johnWick = drafts.docs.find(({ title }) => title.includes('John Wick'))!
    const path = `/reviews/${johnWick.slug}`
    expect((await get(`${first.url}${path}`)).status).toBe(404)
    // The next minute at least 15 s ahead: the publishing job's cron (every minute) runs at it.
    const slot = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000)
    const time = slot.toISOString().slice(11, 16)
    const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][slot.getUTCDay()]
    await write('/api/globals/publication-schedule', 'POST', {
      enabled: true,
      weekday,
      time,
      timezone: 'UTC',
      queue: [johnWick.id],
    })
    let publishedAt: number | undefined
    const shownAt = new Map<string, number>()
    // A job queued at the slot's tick may run at the next one. The job may publish between the read of
    // the review and the read of the page: the loop goes on until it has seen both.
    while (Date.now() < slot.getTime() + 150_000 && (publishedAt === undefined || shownAt.size < instances().length)) {
      if (publishedAt === undefined) {
        const review = (await (
          await fetch(`${first.url}/api/reviews/${johnWick.id}?depth=0`, { headers: admin })
        ).json()) as {
          _status: string
        }
        publishedAt = review._status === 'published' ? Date.now() : undefined
      }
      for (const instance of instances()) {
        if (!shownAt.has(instance.url) && (await get(`${instance.url}${path}`)).status === 200) {
          shownAt.set(instance.url, Date.now())
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(publishedAt, `the job published the review; the server said:\n${first.output().slice(-3_000)}`).toBeDefined()
    for (const instance of instances()) {
      expect(shownAt.get(instance.url), instance.url).toBeDefined()
      expect(shownAt.get(instance.url)! - publishedAt!, instance.url).toBeLessThanOrEqual(2_000)
    }
  }, 240_000)

  it('should leave the pages to another frontend with SERVE_SITE=false, and the admin at /', async () => {
    const apiOnly = await startInstance(uri, { SERVE_SITE: 'false' })
    expect((await get(`${apiOnly.url}/films/mission-impossible-fallout`)).status).toBe(404)
    expect((await get(`${apiOnly.url}/sitemap.xml`)).status).toBe(404)
    const root = await get(`${apiOnly.url}/`)
    expect(root.status).toBe(302)
    expect(root.headers.get('location')).toBe('/admin')
    expect((await get(`${apiOnly.url}/api/feeds/reviews.rss`)).status).toBe(200)
  })
})

/** Not the page's own: the job queue's and the webhook sweep's polling, which run on their own clock. */
const isPageQuery = (call: QueryCall): boolean =>
  !isJobPoll(call) && !String(call.collection ?? '').startsWith('webhook-')

describe('the cost of a review page', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await startPayload('site_queries')
  })

  afterAll(async () => {
    await payload.destroy()
  })

  /** A published review of a film with `trackCount` tracks, cues and a highlight on them, and related reviews. */
  const reviewWithTracks = async (trackCount: number, related: (number | string)[]) => {
    const composer = await payload.create({
      collection: 'composers',
      data: { name: uniqueTitle('Composer') },
      depth: 0,
    })
    const film = await payload.create({
      collection: 'films',
      data: { title: uniqueTitle(`Film of ${trackCount}`), composers: [composer.id] },
      depth: 0,
    })
    const tracks: (number | string)[] = []
    for (let number = 1; number <= trackCount; number++) {
      const track = await payload.create({
        collection: 'tracks',
        data: { film: film.id, number, title: `Cue ${number}`, durationSeconds: 60 + number, composers: [composer.id] },
        depth: 0,
      })
      tracks.push(track.id)
    }
    return payload.create({
      collection: 'reviews',
      data: {
        title: uniqueTitle(`Review of ${trackCount}`),
        film: film.id,
        _status: 'published',
        cues: [
          { label: 'Opening', filmTimecode: '0:00', track: tracks[0] },
          { label: 'Closing', filmTimecode: '1:30:00', track: tracks.at(-1) },
        ],
        highlights: [tracks.at(-1)],
        relatedReviews: related,
      },
      depth: 0,
    })
  }

  it('should cost the same fixed number of queries for a film of 3 tracks and one of 60', async () => {
    const { loadReview, loadFilm } = await import('../cms/site/content')
    const earlier = await reviewWithTracks(1, [])
    const small = await reviewWithTracks(3, [earlier.id])
    const large = await reviewWithTracks(60, [earlier.id, small.id])
    const costs = []
    for (const review of [small, large]) {
      const recorder = recordQueries(payload)
      const page = await loadReview(payload, String(review.slug))
      const reviewQueries = recorder.count(isPageQuery)
      recorder.reset()
      const film = await loadFilm(payload, String(page?.film.slug))
      costs.push({
        review: reviewQueries,
        film: recorder.count(isPageQuery),
        tracks: page?.film.tracks.length,
        filmTracks: film?.tracks.length,
      })
      recorder.restore()
    }
    expect(costs.map(({ tracks, filmTracks }) => [tracks, filmTracks])).toEqual([
      [3, 3],
      [60, 60],
    ])
    expect(costs[1].review).toBe(costs[0].review)
    expect(costs[1].film).toBe(costs[0].film)
    // The review, its film, tracks, composers, related reviews and their films.
    expect(costs[0].review).toBeLessThanOrEqual(6)
  })
})
