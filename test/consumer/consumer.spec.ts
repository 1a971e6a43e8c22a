/*
 * The plugin as a site owner meets it: `npm pack`, a throwaway Payload site of the blank template's
 * shape (its own users with an extra field, a `pages` collection, SQLite, a public review page whose data
 * Next caches under the plugin's tags, and `revalidate` calling `revalidateTag`) installs the tarball, then
 * generate:importmap, a strict `tsc --noEmit`, migrate:create + migrate, `next build`, `next start`.
 * Nothing here imports the plugin's sources: the site sees only the packed `dist/`.
 */
import type { ChildProcess } from 'node:child_process'

import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openBrowser } from '../e2e/harness'

const repo = path.resolve('.')
const FALLOUT = readFileSync(path.join(repo, 'test/fixtures/fallout-tracklist.txt'), 'utf8')
const SECRET = 'consumer-site-secret'

/** What the site installs beside the plugin: the versions this repository is tested with. */
const SITE_PACKAGES = [
  'payload',
  '@payloadcms/next',
  '@payloadcms/ui',
  '@payloadcms/db-sqlite',
  '@payloadcms/richtext-lexical',
  'next',
  'react',
  'react-dom',
  'graphql',
]
const SITE_DEV_PACKAGES = ['typescript', '@types/react', '@types/node']

/**
 * The repository's own suite runs on the Payload it installs (the peer range's lower bound); the site
 * gets the newest 3.x tested, so both ends of `^3.90.1` are covered.
 */
const SITE_PAYLOAD_VERSION = process.env.CONSUMER_PAYLOAD_VERSION || '3.90.2'
const isPayloadPackage = (name: string) => name === 'payload' || name.startsWith('@payloadcms/')

const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version

/** On Node 20, Payload's CLI needs the `development` condition to import Lexical (see README). */
const nodeArgs = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

let workDir: string
let site: string
let tarballFiles: string[]
let env: NodeJS.ProcessEnv
let server: ChildProcess | undefined
let baseURL: string
let serverLog = ''

/** Runs a command in the site (or elsewhere); returns its standard output, throws with the tail of both. */
const run = (command: string, args: string[], cwd = site): string => {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${output.slice(-6_000)}`)
  }
  return result.stdout
}

const payloadCLI = (...args: string[]) => run(process.execPath, [...nodeArgs, 'node_modules/payload/bin.js', ...args])

const api = async <T = Record<string, unknown>>(
  pathname: string,
  { method = 'GET', body, token }: { method?: string; body?: unknown; token?: string } = {},
): Promise<{ status: number; json: T }> => {
  const response = await fetch(`${baseURL}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as T }
}

const admin = { email: 'owner@site.example', password: 'Site-owner-password-1' }

/** The site's own public review page (`src/app/(site)/reviews/[slug]`): what it shows, and when its data was cached. */
const reviewPage = async (slug: string) => {
  const response = await fetch(`${baseURL}/reviews/${encodeURIComponent(slug)}`)
  const html = await response.text()
  return {
    status: response.status,
    title: /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? null,
    cachedAt: /data-cached-at="([^"]+)"/.exec(html)?.[1] ?? null,
  }
}

/** The lines of the server's log from the first that matches `pattern` (with the error it logged), or null. */
const logFrom = (pattern: RegExp): null | string => {
  const at = serverLog.search(pattern)
  return at === -1 ? null : serverLog.slice(at, at + 1_500)
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'soundtrack-consumer-'))
  site = path.join(workDir, 'site')
  env = {
    ...process.env,
    PAYLOAD_SECRET: SECRET,
    DATABASE_URI: `file:${path.join(workDir, 'site.db')}`,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  delete env.NODE_OPTIONS

  // `prepack` (the build) prints first; npm's JSON report is the rest, from a line holding only `[`.
  const packOutput = run('npm', ['pack', '--json', '--pack-destination', workDir], repo)
  const packed = JSON.parse(packOutput.slice(packOutput.search(/^\[$/m))) as {
    filename: string
    files: { path: string }[]
  }[]
  tarballFiles = packed[0]!.files.map((file) => file.path)

  cpSync(path.join(repo, 'test/consumer/site'), site, { recursive: true })
  const versions = (names: string[]) =>
    Object.fromEntries(
      names.map((name) => [name, isPayloadPackage(name) ? SITE_PAYLOAD_VERSION : installedVersion(name)]),
    )
  writeFileSync(
    path.join(site, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer-site',
        private: true,
        type: 'module',
        dependencies: { ...versions(SITE_PACKAGES), 'payload-soundtrack-reviews': `file:../${packed[0]!.filename}` },
        devDependencies: versions(SITE_DEV_PACKAGES),
      },
      null,
      2,
    ),
  )
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'])
}, 1_200_000)

afterAll(async () => {
  server?.kill('SIGTERM')
  // CONSUMER_KEEP_SITE=1 keeps the built site and the server's log (server.log) for a look afterwards.
  if (workDir && process.env.CONSUMER_KEEP_SITE) {
    writeFileSync(path.join(workDir, 'server.log'), serverLog)
    console.log(`consumer site kept in ${workDir}`)
  } else if (workDir) {
    rmSync(workDir, { recursive: true, force: true })
  }
})

describe('the packed plugin in a fresh Payload site', () => {
  it('should pack only dist, README, LICENSE and package.json', () => {
    const tops = [...new Set(tarballFiles.map((file) => file.split('/')[0]))].sort()
    expect(tops).toEqual(['LICENSE', 'README.md', 'dist', 'package.json'])
    expect(tarballFiles.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toBe(false)
  })

  it('should install one copy of payload and none of mongoose, pg, express or the app-only tools', () => {
    const copies = run('npm', ['ls', 'payload', '--all', '--parseable']).trim().split('\n').filter(Boolean)
    expect(new Set(copies).size).toBe(1)
    for (const name of ['mongoose', 'pg', 'express', '@payloadcms/db-mongodb', '@payloadcms/db-postgres']) {
      expect(existsSync(path.join(site, 'node_modules', name)), name).toBe(false)
    }
    const ours = JSON.parse(
      readFileSync(path.join(site, 'node_modules/payload-soundtrack-reviews/package.json'), 'utf8'),
    ) as {
      dependencies: Record<string, string>
    }
    expect(Object.keys(ours.dependencies)).not.toContain('tsx')
  })

  it('should find the admin components with payload generate:importmap', () => {
    payloadCLI('generate:importmap')
    const importMap = readFileSync(path.join(site, 'src/app/(payload)/admin/importMap.js'), 'utf8')
    expect(importMap).toContain("from 'payload-soundtrack-reviews/client'")
    expect(importMap).toContain('TrackListImport')
  })

  it("should pass the site's strict tsc --noEmit with its own generated types", () => {
    payloadCLI('generate:types')
    expect(readFileSync(path.join(site, 'src/payload-types.ts'), 'utf8')).toContain('totalRuntimeSeconds')
    run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'])
  })

  it('should create and apply a migration with the plugin’s tables', () => {
    payloadCLI('migrate:create', 'initial')
    const migrations = readdirSync(path.join(site, 'src/migrations')).filter((file) => file.endsWith('_initial.ts'))
    expect(migrations).toHaveLength(1)
    expect(readFileSync(path.join(site, 'src/migrations', migrations[0]!), 'utf8')).toMatch(
      /CREATE TABLE \\?`tracks\\?`/,
    )
    payloadCLI('migrate')
  })

  it('should build with next build --webpack and start with next start', async () => {
    run(process.execPath, ['node_modules/next/dist/bin/next', 'build', '--webpack'])
    const port = await freePort()
    baseURL = `http://127.0.0.1:${port}`
    server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
      cwd: site,
      env: { ...env, NODE_ENV: 'production' },
    })
    server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
    server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/schedule`).catch(() => null))?.status, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(200)
  }, 900_000)

  let token: string
  let filmID: number | string

  it('should make the first user an admin', async () => {
    const { status, json } = await api<{ token: string; user: { roles: string[]; nickname?: string } }>(
      '/api/users/first-register',
      { method: 'POST', body: { ...admin, nickname: 'Owner' } },
    )
    expect(status).toBe(200)
    expect(json.user.roles).toEqual(['admin'])
    expect(json.user.nickname).toBe('Owner')
    token = json.token
  })

  it('should import the Fallout track list: 26 tracks, 1:35:45', async () => {
    const film = await api<{ doc: { id: number } }>('/api/films', {
      method: 'POST',
      token,
      body: { title: 'Mission: Impossible – Fallout', releaseYear: 2018 },
    })
    expect(film.status).toBe(201)
    filmID = film.json.doc.id
    const imported = await api(`/api/films/${filmID}/tracklist`, { method: 'POST', token, body: { text: FALLOUT } })
    expect(imported).toMatchObject({ status: 200, json: { created: 26, trackCount: 26, totalRuntime: '1:35:45' } })
  })

  it('should answer HEAD on the feed like GET, without a body (the site route exports HEAD)', async () => {
    const [get, head] = await Promise.all(
      ['GET', 'HEAD'].map((method) => fetch(`${baseURL}/api/feeds/reviews.rss`, { method })),
    )
    expect(head.status).toBe(get.status)
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
    expect(await head.text()).toBe('')
  })

  it('should show a REST edit on the site’s cached page at once, and leave the pages it does not name cached', async () => {
    const publish = (title: string) =>
      api<{ doc: { id: number; slug: string } }>('/api/reviews', {
        method: 'POST',
        token,
        body: { title, film: filmID, _status: 'published' },
      })
    const edited = await publish('Fallout, the score')
    const other = await publish('Fallout, the suite')
    expect([edited.status, other.status]).toEqual([201, 201])

    const before = await reviewPage(edited.json.doc.slug)
    expect(before).toMatchObject({ status: 200, title: 'Fallout, the score' })
    // The page is rendered per request, but its review comes from Next's data cache for an hour.
    expect(await reviewPage(edited.json.doc.slug)).toEqual(before)
    const untouched = await reviewPage(other.json.doc.slug)
    expect(untouched).toMatchObject({ status: 200, title: 'Fallout, the suite' })

    const patched = await api<{ doc: { slug: string } }>(`/api/reviews/${edited.json.doc.id}`, {
      method: 'PATCH',
      token,
      body: { title: 'Fallout, the score revisited' },
    })
    expect(patched.status).toBe(200)
    expect(patched.json.doc.slug).toBe(edited.json.doc.slug)
    await expect
      .poll(async () => (await reviewPage(edited.json.doc.slug)).title, { timeout: 5_000, interval: 100 })
      .toBe('Fallout, the score revisited')

    // Only the edited review's tags were expired: the other review's page still shows its first render.
    expect(await reviewPage(other.json.doc.slug)).toEqual(untouched)
    expect(logFrom(/revalidate failed/), 'revalidate after a REST write').toBeNull()
  })

  it('should publish a queued review at its slot under plain next start, and its cached page follow', async () => {
    const review = await api<{ doc: { id: number; slug: string } }>('/api/reviews?draft=true', {
      method: 'POST',
      token,
      body: { title: 'Fallout, week one', film: filmID },
    })
    expect(review.status).toBe(201)
    // Not published yet: the page's "none" is kept in Next's data cache for an hour under the slug's tag.
    expect(await reviewPage(review.json.doc.slug)).toMatchObject({ status: 404 })
    // The next whole minute at least 20 seconds away, as a weekly UTC slot.
    const slot = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000)
    const weekday = slot.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' }).toLowerCase()
    const time = slot.toISOString().slice(11, 16)
    const saved = await api('/api/globals/publication-schedule', {
      method: 'POST',
      token,
      body: { enabled: true, weekday, time, timezone: 'UTC', queue: [review.json.doc.id] },
    })
    expect(saved.status).toBe(200)
    expect(await fetch(`${baseURL}/api/reviews/${review.json.doc.id}`).then((response) => response.status)).toBe(404)

    await expect
      .poll(async () => (await api<{ _status?: string }>(`/api/reviews/${review.json.doc.id}`)).json._status, {
        timeout: 90_000,
        interval: 1_000,
      })
      .toBe('published')
    const published = await api<{ publishedAt: string }>(`/api/reviews/${review.json.doc.id}`)
    expect(new Date(published.json.publishedAt).toISOString()).toBe(slot.toISOString())
    // The job ran in Next's cron, outside any request: revalidateTag reached the cache all the same.
    await expect
      .poll(async () => (await reviewPage(review.json.doc.slug)).title, { timeout: 2_000, interval: 100 })
      .toBe('Fallout, week one')
    expect(logFrom(/revalidate failed/), 'revalidate after the job’s publish').toBeNull()
    expect(serverLog).not.toMatch(/SQLITE_BUSY|Error:/)
  })

  it('should show the film’s tracks and runtime, and a track’s 4:19, in the admin', async () => {
    const browser = await openBrowser(baseURL)
    try {
      const { page } = browser
      await page.goto('/admin/login')
      await page.locator('#field-email').fill(admin.email)
      await page.locator('#field-password').fill(admin.password)
      await page.locator('button[type="submit"]').click()
      await page.waitForURL((url) => !url.pathname.endsWith('/login'))

      await page.goto(`/admin/collections/films/${filmID}`)
      await expect.poll(() => page.locator('#field-totalRuntime').inputValue(), { timeout: 60_000 }).toBe('1:35:45')
      await expect.poll(() => page.locator('#field-tracks tbody tr').count(), { timeout: 30_000 }).toBe(26)

      const { json } = await api<{ docs: { id: number }[] }>(
        `/api/tracks?where[title][equals]=${encodeURIComponent('Good Evening, Mr. Hunt')}&depth=0`,
        { token },
      )
      await page.goto(`/admin/collections/tracks/${json.docs[0]!.id}`)
      await expect.poll(() => page.locator('#field-duration').inputValue(), { timeout: 60_000 }).toBe('4:19')
    } finally {
      await browser.close()
    }
  })
})
