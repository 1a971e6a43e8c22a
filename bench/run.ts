/*
 * `npm run bench`: one run on fresh SQLite files (see BENCHMARKS.md). Prints the table and writes
 * bench/results.json. BENCH_SECONDS (default 5) is each HTTP measurement, BENCH_SOAK_SECONDS
 * (default 90; the issue's figure is 600) the RSS soak, BENCH_MIXED_SECONDS (default 24) each mixed
 * read run, BENCH_TWIN_ROUNDS (default 3) the rounds of ours and its raw twin per surface.
 * BENCH_ONLY=saves,reads,mixed,site (any of them) runs only those parts; `site` (bench/site.ts) is the
 * reader site's cached review page against /healthz, which needs the admin build (made if missing).
 * `search` (bench/search.ts; opt-in, BENCH_ONLY=search, some minutes) is the search at archive scale,
 * on SQLite and, when POSTGRES_URL names a server, PostgreSQL; its figures go to bench/results-search.json.
 */
import type { ChildProcess } from 'node:child_process'
import type { Payload } from 'payload'

import { createClient } from '@libsql/client'
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLocalReq, createPayloadRequest, getPayload } from 'payload'

import { seedDemo } from '../cms/seed'
import { readPublicSchedule } from '../src/endpoints/schedule'
import { findDueReviews } from '../src/jobs/publishDueReviews'
import { recordQueries } from '../test/helpers'
import { oursConfig, plainConfig } from './configs'
import { ARCHIVE_SIZES, searchAtScale } from './search'
import { sitePageReads } from './site'

Object.assign(process.env, { NODE_ENV: 'production' })
const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '..')
const WORK = path.join(ROOT, 'data', 'bench')
const SECONDS = Number(process.env.BENCH_SECONDS || 5)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS || 90)
const CONNECTIONS = 8
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS || 24)
/** Connections per surface in a mixed run (three surfaces read at once). */
const MIXED_CONNECTIONS = 3
/** Requests per second per surface in the paced mixed runs: a busy site, well below saturation. */
const MIXED_RATE = Number(process.env.BENCH_MIXED_RATE || 25)
const WRITE_EVERY_MS = 2_000
/** Rounds of (ours, raw twin) per surface; the twin ratio is the median of the rounds' ratios. */
const TWIN_ROUNDS = Number(process.env.BENCH_TWIN_ROUNDS || 3)
const PARTS = ['saves', 'reads', 'mixed', 'site', 'search'] as const
/** Every part but the archive-scale search, which seeds and indexes 100,000 tracks per database (minutes). */
const DEFAULT_PARTS = PARTS.filter((part) => part !== 'search')
const ONLY = new Set((process.env.BENCH_ONLY || DEFAULT_PARTS.join(',')).split(',').map((part) => part.trim()))
/** Rounds of the search bench's queries per archive (each round asks every query once). */
const SEARCH_ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS || 30)
for (const part of ONLY) {
  if (!(PARTS as readonly string[]).includes(part)) {
    throw new Error(`BENCH_ONLY: unknown part ${part} (parts: ${PARTS.join(', ')})`)
  }
}

rmSync(WORK, { recursive: true, force: true })
mkdirSync(WORK, { recursive: true })
const fileFor = (name: string) => path.join(WORK, `${name}.db`)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const timeMedian = async (runs: number, work: (index: number) => Promise<unknown>) => {
  const times: number[] = []
  for (let index = 0; index < runs; index++) {
    const started = performance.now()
    await work(index)
    times.push(performance.now() - started)
  }
  return Number(median(times).toFixed(2))
}

const countQueries = async (payload: Payload, work: () => Promise<unknown>) => {
  const recorder = recordQueries(payload)
  try {
    await work()
  } finally {
    recorder.restore()
  }
  return recorder.calls.filter((call) => !/Transaction$/.test(call.method)).length
}

// ---------------------------------------------------------------------------------------------
// Servers in their own processes
// ---------------------------------------------------------------------------------------------

type Running = { child: ChildProcess; url: string }

const children = new Set<ChildProcess>()
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')))

const launch = (mode: 'ours' | 'plain' | 'raw', file: string): Promise<Running> =>
  new Promise((resolve, reject) => {
    // The server's own process (not scripts/node.mjs around it), so its RSS is what is sampled.
    const conditions = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []
    const child = spawn(process.execPath, [...conditions, '--import', 'tsx', 'bench/server.ts', mode, file, '0'], {
      cwd: ROOT,
      env: { ...process.env, PAYLOAD_SECRET: 'bench-secret-not-for-production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.add(child)
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString())
      if (match) {
        resolve({ child, url: `http://127.0.0.1:${match[1]}` })
      }
    })
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })

const stop = async ({ child }: Running) => {
  child.removeAllListeners('exit')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
  children.delete(child)
}

type HTTPResult = { reqPerSec: number; p50: number; p99: number; errors: number }

const load = async (url: string, warmUp = true): Promise<HTTPResult> => {
  if (warmUp) {
    await autocannon({ url, connections: CONNECTIONS, duration: 1 })
  }
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS })
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  }
}

const rssOf = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024
}

// ---------------------------------------------------------------------------------------------
// (a) reads over HTTP, (d) RSS soak
// ---------------------------------------------------------------------------------------------

let seeded: Promise<string> | undefined

/** A copy of the demo column's database (seeded once per run) under `name`. */
const demoCopy = async (name: string): Promise<string> => {
  seeded ??= (async () => {
    const file = fileFor('seed')
    const payload = await getPayload({ config: oursConfig(`file:${file}`), key: 'bench-seed' })
    const result = await seedDemo({ payload })
    if (!result.seeded) {
      throw new Error(`bench: demo not seeded: ${result.reason}`)
    }
    await payload.destroy()
    return file
  })()
  const source = await seeded
  const target = fileFor(name)
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${source}${suffix}`)) {
      copyFileSync(`${source}${suffix}`, `${target}${suffix}`)
    }
  }
  return target
}

const httpReads = async () => {
  const demo = await demoCopy('demo')
  await demoCopy('plain')

  const ours = await launch('ours', demo)
  const published = (await (await fetch(`${ours.url}/api/reviews?limit=1&depth=0&sort=publishedAt`)).json()) as {
    docs: { id: number | string; slug: string }[]
  }
  const review = published.docs[0]
  if (review === undefined) {
    throw new Error('bench: no published demo review')
  }
  const surfaces = {
    'review by id, depth=1': `/api/reviews/${review.id}?depth=1`,
    'review by slug': `/api/reviews/by-slug/${review.slug}`,
    'review JSON-LD': `/api/reviews/${review.id}/json-ld`,
    'feed RSS': '/api/feeds/reviews.rss',
    'feed Atom': '/api/feeds/reviews.atom',
    'feed JSON': '/api/feeds/reviews.json',
    schedule: '/api/schedule',
  }

  const raw = createClient({ url: `file:${fileFor('raw')}` })
  await raw.execute('CREATE TABLE pages (path TEXT PRIMARY KEY, type TEXT, body TEXT)')
  for (const target of ['/healthz', ...Object.values(surfaces)]) {
    const response = await fetch(`${ours.url}${target}`)
    await raw.execute({
      sql: 'INSERT INTO pages (path, type, body) VALUES (?, ?, ?)',
      args: [target, response.headers.get('content-type') ?? 'application/json', await response.text()],
    })
  }
  raw.close()
  // The raw twin runs beside ours (idle while ours is measured, and the other way round): each
  // surface is measured on ours and at once on its twin, so their ratio sees the same machine.
  const rawServer = await launch('raw', fileFor('raw'))

  // JIT and first-request work out of the way before anything is measured.
  const everything = ['/healthz', ...Object.values(surfaces)].map((target) => ({ path: target }))
  await autocannon({ url: ours.url, connections: CONNECTIONS, duration: 5, requests: everything })
  await autocannon({ url: rawServer.url, connections: CONNECTIONS, duration: 2, requests: everything })
  const results: Record<
    string,
    { ours: HTTPResult; plain?: HTTPResult; raw: HTTPResult; twin: number; rounds: { ours: number; raw: number }[] }
  > = {}
  // The floor before and after the surfaces, so a drift in the machine's speed during the run
  // moves the floor with them: their mean is what the surfaces are compared to.
  const floorBefore = await load(`${ours.url}/healthz`)
  const rawFloor = await load(`${rawServer.url}/healthz`)
  for (const [name, target] of Object.entries(surfaces)) {
    // Rounds of ours then its twin: a burst of other work on the machine hits one round, not the ratio.
    const rounds: { ours: HTTPResult; raw: HTTPResult }[] = []
    for (let round = 0; round < TWIN_ROUNDS; round++) {
      rounds.push({
        ours: await load(`${ours.url}${target}`, round === 0),
        raw: await load(`${rawServer.url}${target}`, round === 0),
      })
    }
    const byRate = (side: 'ours' | 'raw') =>
      [...rounds].sort((a, b) => a[side].reqPerSec - b[side].reqPerSec)[Math.floor(rounds.length / 2)][side]
    results[name] = {
      ours: byRate('ours'),
      raw: byRate('raw'),
      twin: Number(median(rounds.map((each) => each.ours.reqPerSec / each.raw.reqPerSec)).toFixed(2)),
      rounds: rounds.map((each) => ({ ours: each.ours.reqPerSec, raw: each.raw.reqPerSec })),
    }
  }
  const floorAfter = await load(`${ours.url}/healthz`)
  await stop(rawServer)
  const floor = {
    ours: {
      reqPerSec: Math.round((floorBefore.reqPerSec + floorAfter.reqPerSec) / 2),
      p50: Math.max(floorBefore.p50, floorAfter.p50),
      p99: Math.max(floorBefore.p99, floorAfter.p99),
      errors: floorBefore.errors + floorAfter.errors,
    },
    oursBefore: floorBefore.reqPerSec,
    oursAfter: floorAfter.reqPerSec,
  }

  // (d) RSS while the public surfaces are read, flat after warm-up.
  const samples: { at: number; rss: number }[] = []
  const started = Date.now()
  const sampler = setInterval(
    () => samples.push({ at: (Date.now() - started) / 1000, rss: rssOf(ours.child.pid!) }),
    1000,
  )
  const soak = await autocannon({
    url: ours.url,
    connections: CONNECTIONS,
    duration: SOAK_SECONDS,
    requests: Object.values(surfaces).map((target) => ({ path: target })),
  })
  clearInterval(sampler)
  await stop(ours)
  const warmUp = Math.max(10, SOAK_SECONDS * 0.2)
  const afterWarmUp = samples.filter((sample) => sample.at >= warmUp)
  const window = Math.max(1, Math.floor(afterWarmUp.length * 0.1))
  const mean = (list: { rss: number }[]) => list.reduce((sum, sample) => sum + sample.rss, 0) / list.length
  const rssStart = mean(afterWarmUp.slice(0, window))
  const rssEnd = mean(afterWarmUp.slice(-window))
  const rss = {
    seconds: SOAK_SECONDS,
    warmUpSeconds: warmUp,
    requests: soak.requests.total,
    errors: soak.errors + soak.non2xx,
    rssAfterWarmUpMB: Number((rssStart / 2 ** 20).toFixed(1)),
    rssEndMB: Number((rssEnd / 2 ** 20).toFixed(1)),
    growth: Number(((rssEnd - rssStart) / rssStart).toFixed(3)),
  }

  const plain = await launch('plain', fileFor('plain'))
  await autocannon({ url: plain.url, connections: CONNECTIONS, duration: 5, requests: everything.slice(0, 2) })
  const plainFloor = await load(`${plain.url}/healthz`)
  results['review by id, depth=1'].plain = await load(`${plain.url}${surfaces['review by id, depth=1']}`)
  await stop(plain)
  return { floor: { ...floor, plain: plainFloor, raw: rawFloor }, surfaces: results, rss }
}

// ---------------------------------------------------------------------------------------------
// (f) mixed: anonymous reads while the CMS is being written to
// ---------------------------------------------------------------------------------------------

type MixedSurface = HTTPResult & { responses: number; hits: number; misses: number; uncached: number; hitRate: number }
type MixedRun = {
  writes: number
  writeErrors: number
  writeMedianMs: number
  surfaces: Record<string, MixedSurface>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const headerOf = (headers: Record<string, string | string[]>, name: string): string | undefined => {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
  return Array.isArray(found) ? found[0] : found
}

/**
 * Reads `surfaces` at once (one autocannon each, `MIXED_CONNECTIONS` connections, saturating or at
 * `rate` req/s each) for MIXED_SECONDS while `write` runs every 2 s, the first 1 s in. A hit is a
 * response with `X-Cache: hit`; a miss one with `X-Cache: miss`.
 */
const readWhileWriting = async ({
  url,
  surfaces,
  write,
  rate,
}: {
  url: string
  surfaces: Record<string, string>
  write: () => Promise<number>
  rate?: number
}): Promise<MixedRun> => {
  const counts = Object.fromEntries(Object.keys(surfaces).map((name) => [name, { hits: 0, misses: 0, uncached: 0 }]))
  const writeTimes: number[] = []
  let writeErrors = 0
  let reading = true
  const started = performance.now()
  const writer = (async () => {
    for (let index = 0; ; index++) {
      const due = started + 1_000 + index * WRITE_EVERY_MS
      await sleep(Math.max(0, due - performance.now()))
      if (!reading) {
        return
      }
      const before = performance.now()
      const status = await write()
      writeTimes.push(performance.now() - before)
      writeErrors += status === 200 ? 0 : 1
    }
  })()
  const runs = await Promise.all(
    Object.entries(surfaces).map(([name, target]) =>
      autocannon({
        url,
        connections: MIXED_CONNECTIONS,
        duration: MIXED_SECONDS,
        ...(rate ? { overallRate: rate } : {}),
        requests: [
          {
            path: target,
            onResponse: (_status, _body, _context, headers) => {
              const cache = headerOf(headers, 'x-cache')
              const count = counts[name]
              if (cache === 'hit') {
                count.hits++
              } else if (cache === 'miss') {
                count.misses++
              } else {
                count.uncached++
              }
            },
          },
        ],
      }).then((result) => [name, result] as const),
    ),
  )
  reading = false
  await writer
  return {
    writes: writeTimes.length,
    writeErrors,
    writeMedianMs: Number(median(writeTimes).toFixed(1)),
    surfaces: Object.fromEntries(
      runs.map(([name, result]) => {
        const { hits, misses, uncached } = counts[name]
        const responses = hits + misses + uncached
        return [
          name,
          {
            reqPerSec: Math.round(result.requests.average),
            p50: result.latency.p50,
            p99: result.latency.p99,
            errors: result.errors + result.non2xx + result.timeouts,
            responses,
            hits,
            misses,
            uncached,
            hitRate: responses ? Number((hits / responses).toFixed(4)) : 0,
          },
        ]
      }),
    ),
  }
}

/**
 * The issue's mixed run: the review page, a feed and a review list read anonymously while
 * - `draft`: an editor (signed in, over REST) saves a draft of that review every 2 s;
 * - `publish`: an admin publishes an edit of another, unrelated review every 2 s.
 * Each saturating (as many reads as the server answers) and paced (MIXED_RATE req/s per surface).
 */
const mixedReads = async () => {
  const file = await demoCopy('mixed')
  const setup = await getPayload({ config: oursConfig(`file:${file}`), key: 'bench-mixed' })
  const password = 'bench-password-1!'
  for (const role of ['admin', 'editor']) {
    await setup.create({
      collection: 'users',
      data: { email: `${role}@example.test`, password, roles: [role] } as never,
      overrideAccess: true,
    })
  }
  const { docs } = await setup.find({
    collection: 'reviews',
    where: { _status: { equals: 'published' } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const first = docs[0] as unknown as { id: number | string; slug: string } | undefined
  if (!first) {
    throw new Error('bench: no published demo review')
  }
  // Another published review that shares nothing with the first (its own film, no relations).
  const otherFilm = await setup.create({ collection: 'films', data: { title: 'The Other Film' }, depth: 0 })
  const other = (await setup.create({
    collection: 'reviews',
    data: {
      title: 'Exploring Soundtracks: The Other Film',
      film: otherFilm.id,
      excerpt: 'Published before the run.',
      _status: 'published',
      publishedAt: new Date().toISOString(),
    } as never,
    depth: 0,
    overrideAccess: true,
  })) as unknown as { id: number | string; slug: string }
  await setup.destroy()

  const server = await launch('ours', file)
  const tokenOf = async (email: string) => {
    const response = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const { token } = (await response.json()) as { token?: string }
    if (!token) {
      throw new Error(`bench: ${email} could not sign in (${response.status})`)
    }
    return token
  }
  const editor = await tokenOf('editor@example.test')
  const admin = await tokenOf('admin@example.test')
  const patch = async (token: string, target: string, data: Record<string, unknown>) => {
    const response = await fetch(`${server.url}${target}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify(data),
    })
    if (response.status !== 200) {
      console.error(`bench: PATCH ${target} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
    } else {
      await response.arrayBuffer()
    }
    return response.status
  }
  const surfaces = {
    'review page': `/api/reviews/by-slug/${first.slug}`,
    'feed RSS': '/api/feeds/reviews.rss',
    'review list': '/api/reviews?limit=10&depth=1',
  }
  const variants = {
    'editor saves a draft of the page’s review': (index: number) =>
      patch(editor, `/api/reviews/${first.id}?draft=true&depth=0`, { excerpt: `Draft save ${index}, not public.` }),
    'admin publishes an edit of another review': (index: number) =>
      patch(admin, `/api/reviews/${other.id}?depth=0`, { excerpt: `Published edit ${index}.`, _status: 'published' }),
  }
  const publicExcerpt = async (slug: string) =>
    ((await (await fetch(`${server.url}/api/reviews/by-slug/${slug}`)).json()) as { excerpt?: string }).excerpt
  const pageBefore = await publicExcerpt(first.slug)

  await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: 3,
    requests: Object.values(surfaces).map((target) => ({ path: target })),
  })
  // Every write changes the text (an unchanged publish would change nothing public).
  let writeCount = 0
  const runs: Record<string, Record<string, MixedRun>> = {}
  const checks: Record<string, boolean> = {}
  for (const [variant, write] of Object.entries(variants)) {
    runs[variant] = {}
    for (const [pace, rate] of [
      ['saturating', undefined],
      [`${MIXED_RATE} req/s per surface`, MIXED_RATE],
    ] as const) {
      runs[variant][pace] = await readWhileWriting({
        url: server.url,
        surfaces,
        write: () => write(writeCount++),
        rate,
      })
    }
    // The reads were right, not just fast: a draft never shows, a published edit shows at once.
    if (variant.startsWith('editor')) {
      checks['the page never showed a draft'] = (await publicExcerpt(first.slug)) === pageBefore
    } else {
      const excerpt = await publicExcerpt(other.slug)
      checks['the other review shows its last published edit'] = /^Published edit \d+\.$/.test(excerpt ?? '')
    }
  }
  await stop(server)
  return { surfaces, secondsPerRun: MIXED_SECONDS, connectionsPerSurface: MIXED_CONNECTIONS, runs, checks }
}

// ---------------------------------------------------------------------------------------------
// (b) saves and imports, (c) schedule and due query, (e) query counts: Local API, in process
// ---------------------------------------------------------------------------------------------

const importInto = async (payload: Payload, film: number | string, count: number, token: string) => {
  // Discs of 100 tracks (track numbers go up to 999): `disc-number title (m:ss)`.
  const text = Array.from(
    { length: count },
    (_, index) => `${Math.floor(index / 100) + 1}-${(index % 100) + 1} Cue ${index + 1} (1:0${index % 10})`,
  ).join('\n')
  const request = new Request(`http://bench/api/films/${film}/tracklist`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ text }),
  })
  const req = await createPayloadRequest({
    config: Promise.resolve(payload.config),
    request,
    payloadInstanceCacheKey: 'bench-ours',
  })
  req.routeParams = { id: film }
  const endpoint = payload.collections.films.config.endpoints
    ? payload.collections.films.config.endpoints.find((each) => each.path === '/:id/tracklist')
    : undefined
  const response = await endpoint!.handler(req)
  if (response.status !== 200) {
    throw new Error(`bench: import of ${count} answered ${response.status}: ${await response.text()}`)
  }
}

const saves = async () => {
  const ours = await getPayload({ config: oursConfig(`file:${fileFor('saves-ours')}`), key: 'bench-ours' })
  const plain = await getPayload({ config: plainConfig(`file:${fileFor('saves-plain')}`), key: 'bench-plain' })
  const email = 'bench@example.test'
  const password = 'bench-password-1!'
  await ours.create({ collection: 'users', data: { email, password, roles: ['admin'] } as never, overrideAccess: true })
  const { token } = await ours.login({ collection: 'users', data: { email, password } })

  const trackSave = {} as Record<string, number>
  const imports = {} as Record<string, number>
  const queries = {} as Record<string, number>
  for (const size of [10, 100, 1000]) {
    const film = await ours.create({ collection: 'films', data: { title: `Film of ${size}` }, depth: 0 })
    const started = performance.now()
    await importInto(ours, film.id, size, token as string)
    imports[`import ${size}`] = Number((performance.now() - started).toFixed(1))
    const { docs } = await ours.find({ collection: 'tracks', where: { film: { equals: film.id } }, limit: 1, depth: 0 })
    trackSave[`ours, film of ${size}`] = await timeMedian(40, (index) =>
      ours.update({ collection: 'tracks', id: docs[0].id, data: { durationSeconds: 60 + (index % 7) }, depth: 0 }),
    )
    queries[`track save, film of ${size}`] = await countQueries(ours, () =>
      ours.update({ collection: 'tracks', id: docs[0].id, data: { durationSeconds: 99 }, depth: 0 }),
    )
  }
  for (const size of [10, 1000]) {
    const film = await plain.create({ collection: 'films', data: { title: `Plain film of ${size}` }, depth: 0 })
    const req = await createLocalReq({}, plain)
    for (let number = 1; number <= size; number++) {
      await plain.db.create({
        collection: 'tracks',
        data: { film: film.id, disc: 1, number, title: `T${number}`, durationSeconds: 60, duration: '1:00' },
        req,
      })
    }
    const { docs } = await plain.find({
      collection: 'tracks',
      where: { film: { equals: film.id } },
      limit: 1,
      depth: 0,
    })
    trackSave[`plain Payload, film of ${size}`] = await timeMedian(40, (index) =>
      plain.update({ collection: 'tracks', id: docs[0].id, data: { durationSeconds: 60 + (index % 7) }, depth: 0 }),
    )
    queries[`plain Payload track save, film of ${size}`] = await countQueries(plain, () =>
      plain.update({ collection: 'tracks', id: docs[0].id, data: { durationSeconds: 99 }, depth: 0 }),
    )
  }
  const anyFilm = (await ours.find({ collection: 'films', limit: 1, depth: 0 })).docs[0].id
  queries['track create'] = await countQueries(ours, () =>
    ours.create({
      collection: 'tracks',
      data: { film: anyFilm, number: 999, title: 'Q', durationSeconds: 5 } as never,
    }),
  )
  const importFilm = await ours.create({ collection: 'films', data: { title: 'Import 26' }, depth: 0 })
  queries['import 26 tracks'] = await countQueries(ours, () => importInto(ours, importFilm.id, 26, token as string))

  await ours.destroy()
  await plain.destroy()
  return { trackSave, imports, queries, scheduleAndDue: await scheduleQueries() }
}

/** Reviews straight into the tables (document and its version row), in one transaction. */
const addReviews = async (payload: Payload, film: number | string, from: number, to: number) => {
  const req = await createLocalReq({}, payload)
  req.transactionID = (await payload.db.beginTransaction()) ?? undefined
  for (let index = from; index < to; index++) {
    const now = new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString()
    const data = {
      title: `Review ${index}`,
      slug: `bench-review-${index}`,
      film,
      _status: 'published',
      publishedAt: now,
      excerpt: 'Bench.',
      createdAt: now,
      updatedAt: now,
    }
    const doc = await payload.db.create({ collection: 'reviews', data, req })
    await payload.db.createVersion({
      collectionSlug: 'reviews',
      parent: doc.id,
      versionData: data,
      autosave: false,
      createdAt: now,
      updatedAt: now,
      req,
    })
  }
  await payload.db.commitTransaction(req.transactionID as number | string)
}

/** Opens the schedule bench's database as a restarted server would (the plugin gathers SQLite statistics at start). */
const openSchedule = (run: number) =>
  getPayload({ config: oursConfig(`file:${fileFor('schedule')}`), key: `bench-schedule-${run}` })

const scheduleQueries = async () => {
  let payload = await openSchedule(0)
  const film = await payload.create({ collection: 'films', data: { title: 'Reviewed a lot' }, depth: 0 })
  const queued: (number | string)[] = []
  for (let index = 0; index < 10; index++) {
    const draft = await payload.create({
      collection: 'reviews',
      data: { title: `Queued ${index}`, film: film.id, _status: 'draft' },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    queued.push(draft.id)
  }
  await payload.updateGlobal({
    slug: 'publication-schedule',
    data: { enabled: true, weekday: 'friday', time: '09:00', timezone: 'UTC', queue: queued },
    depth: 0,
    overrideAccess: true,
  })
  const measured = {} as Record<string, number>
  let count = 0
  for (const size of [100, 10_000]) {
    await addReviews(payload, film.id, count, size)
    count = size
    await payload.destroy()
    payload = await openSchedule(size)
    const req = await createLocalReq({}, payload)
    // The publishing job's own query, nothing being due yet.
    const dueQuery = () => findDueReviews({ req, queue: queued, now: new Date() })
    measured[`schedule, ${size} reviews`] = await timeMedian(30, () => readPublicSchedule(req))
    measured[`due query, ${size} reviews`] = await timeMedian(30, dueQuery)
  }
  await payload.destroy()
  return measured
}

// ---------------------------------------------------------------------------------------------

const started = Date.now()
const loadAtStart = loadavg().map((load) => Number(load.toFixed(2)))
// The in-process measures first: they take a minute, the HTTP reads and the soak most of the run.
const local = ONLY.has('saves') ? await saves() : undefined
const http = ONLY.has('reads') ? await httpReads() : undefined
const mixed = ONLY.has('mixed') ? await mixedReads() : undefined
const site = ONLY.has('site')
  ? await sitePageReads({ root: ROOT, file: fileFor('site'), seconds: SECONDS, connections: CONNECTIONS })
  : undefined
const search = ONLY.has('search')
  ? await searchAtScale({ root: ROOT, fileFor, postgresURL: process.env.POSTGRES_URL, rounds: SEARCH_ROUNDS })
  : undefined
const ratio = (a: number, b: number) => Number((a / b).toFixed(2))
type Goal = { measure: string; value: number; goal: string; met: boolean }
const goals: Goal[] = []
if (http) {
  const floorRate = http.floor.ours.reqPerSec
  const review = http.surfaces['review by id, depth=1']
  goals.push(
    ...Object.entries(http.surfaces).map(([name, result]) => ({
      measure: `${name} vs /healthz`,
      value: ratio(result.ours.reqPerSec, floorRate),
      goal: '>= 0.5',
      met: result.ours.reqPerSec / floorRate >= 0.5,
    })),
    ...Object.entries(http.surfaces).map(([name, result]) => ({
      measure: `${name} vs its raw twin`,
      value: result.twin,
      goal: '>= 0.5',
      met: result.twin >= 0.5,
    })),
    {
      measure: 'review read vs plain Payload',
      value: ratio(review.ours.reqPerSec, review.plain!.reqPerSec),
      goal: '>= 3',
      met: review.ours.reqPerSec / review.plain!.reqPerSec >= 3,
    },
  )
}
if (local) {
  goals.push(
    {
      measure: 'track save, film of 1000 vs 10',
      value: ratio(local.trackSave['ours, film of 1000'], local.trackSave['ours, film of 10']),
      goal: '<= 1.5',
      met: local.trackSave['ours, film of 1000'] / local.trackSave['ours, film of 10'] <= 1.5,
    },
    {
      measure: 'track save vs plain Payload (film of 1000)',
      value: ratio(local.trackSave['ours, film of 1000'], local.trackSave['plain Payload, film of 1000']),
      goal: '<= 2',
      met: local.trackSave['ours, film of 1000'] / local.trackSave['plain Payload, film of 1000'] <= 2,
    },
    {
      measure: 'import 1000 vs 100 tracks',
      value: ratio(local.imports['import 1000'], local.imports['import 100']),
      goal: '<= 12',
      met: local.imports['import 1000'] / local.imports['import 100'] <= 12,
    },
    ...(['schedule', 'due query'] as const).map((name) => {
      const value = ratio(local.scheduleAndDue[`${name}, 10000 reviews`], local.scheduleAndDue[`${name}, 100 reviews`])
      return { measure: `${name}, 10,000 vs 100 reviews`, value, goal: '<= 2', met: value <= 2 }
    }),
  )
}
if (http) {
  goals.push({
    measure: `RSS growth after warm-up (${http.rss.seconds} s soak)`,
    value: http.rss.growth,
    goal: '<= 0.10',
    met: http.rss.growth <= 0.1,
  })
}
if (mixed) {
  for (const [variant, paces] of Object.entries(mixed.runs)) {
    for (const [pace, run] of Object.entries(paces)) {
      const page = run.surfaces['review page']
      goals.push({
        measure: `mixed, ${variant}, ${pace}: review page hit rate`,
        value: page.hitRate,
        goal: '>= 0.99',
        met: page.hitRate >= 0.99 && run.writeErrors === 0,
      })
    }
  }
  for (const [check, passed] of Object.entries(mixed.checks)) {
    goals.push({ measure: `mixed: ${check}`, value: passed ? 1 : 0, goal: '= 1', met: passed })
  }
}

if (site) {
  goals.push({
    measure: 'reader site: cached review page vs /healthz',
    value: site.ratio,
    goal: '>= 0.5',
    met: site.ratio >= 0.5,
  })
}
const searchGoals: Goal[] = []
if (search) {
  const p50Of = (database: string, reviews: number) =>
    search.find((run) => run.database === database && run.reviews === reviews)?.all.p50
  for (const database of ['sqlite', 'postgres']) {
    const [small, large] = ARCHIVE_SIZES.map((reviews) => p50Of(database, reviews))
    if (small === undefined || large === undefined) {
      continue
    }
    // The goals are SQLite's; PostgreSQL's figures stand beside them.
    const isGoal = database === 'sqlite'
    searchGoals.push(
      {
        measure: `search p50 ms, ${ARCHIVE_SIZES[1]} reviews, uncached (${database})`,
        value: large,
        goal: isGoal ? '<= 20' : 'reported',
        met: !isGoal || large <= 20,
      },
      {
        measure: `search p50, ${ARCHIVE_SIZES[1]} vs ${ARCHIVE_SIZES[0]} reviews (${database})`,
        value: ratio(large, small),
        goal: isGoal ? '<= 2' : 'reported',
        met: !isGoal || large / small <= 2,
      },
    )
  }
  goals.push(...searchGoals)
}
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: (await import('node:os')).cpus().length,
  connections: CONNECTIONS,
  secondsPerMeasurement: SECONDS,
  parts: [...ONLY].filter((part) => part !== 'search'),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  http,
  local,
  mixed,
  site,
  goals: goals.filter((goal) => !searchGoals.includes(goal)),
}
// The opt-in search part keeps its own file: a search run leaves the other parts' figures alone.
if (results.parts.length) {
  writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
}
if (search) {
  const searchResults = {
    date: results.date,
    node: results.node,
    cores: results.cores,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((load) => Number(load.toFixed(2))) },
    roundsPerArchive: SEARCH_ROUNDS,
    durationSeconds: results.durationSeconds,
    runs: search,
    goals: searchGoals,
  }
  writeFileSync(path.join(HERE, 'results-search.json'), `${JSON.stringify(searchResults, null, 2)}\n`)
}

const table = (lines: string[][]) => {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)))
  return lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n')
}
if (http) {
  const floorRate = http.floor.ours.reqPerSec
  const rows: string[][] = [
    ['surface', 'ours req/s', 'of floor', 'p50/p99 ms', 'plain req/s', 'raw req/s', 'of raw twin'],
  ]
  rows.push([
    `/healthz (floor: mean of ${http.floor.oursBefore} before, ${http.floor.oursAfter} after)`,
    String(floorRate),
    '1.00',
    `${http.floor.ours.p50}/${http.floor.ours.p99}`,
    String(http.floor.plain.reqPerSec),
    String(http.floor.raw.reqPerSec),
    ratio(floorRate, http.floor.raw.reqPerSec).toFixed(2),
  ])
  for (const [name, result] of Object.entries(http.surfaces)) {
    rows.push([
      name,
      String(result.ours.reqPerSec),
      ratio(result.ours.reqPerSec, floorRate).toFixed(2),
      `${result.ours.p50}/${result.ours.p99}`,
      result.plain ? String(result.plain.reqPerSec) : '–',
      String(result.raw.reqPerSec),
      result.twin.toFixed(2),
    ])
  }
  console.log(`\n(a) HTTP reads, ${CONNECTIONS} connections, ${SECONDS} s each\n${table(rows)}`)
}
if (local) {
  console.log(
    `\n(b) track save (median ms) ${JSON.stringify(local.trackSave)}\n    import (ms) ${JSON.stringify(local.imports)}`,
  )
  console.log(`(c) schedule and due query (median ms) ${JSON.stringify(local.scheduleAndDue)}`)
  console.log(`(e) queries per operation ${JSON.stringify(local.queries)}`)
}
if (http) {
  console.log(`(d) RSS ${JSON.stringify(http.rss)}`)
}
if (mixed) {
  const rows: string[][] = [
    ['writes', 'reads', 'surface', 'req/s', 'p50/p99 ms', 'hit rate', 'misses', 'writes (median ms)'],
  ]
  for (const [variant, paces] of Object.entries(mixed.runs)) {
    for (const [pace, run] of Object.entries(paces)) {
      for (const [name, surface] of Object.entries(run.surfaces)) {
        rows.push([
          variant,
          pace,
          name,
          String(surface.reqPerSec),
          `${surface.p50}/${surface.p99}`,
          `${(surface.hitRate * 100).toFixed(2)} %`,
          `${surface.misses}${surface.uncached ? ` (+${surface.uncached} uncached)` : ''} of ${surface.responses}`,
          `${run.writes}${run.writeErrors ? ` (${run.writeErrors} failed)` : ''} (${run.writeMedianMs})`,
        ])
      }
    }
  }
  console.log(
    `\n(f) mixed reads, ${mixed.connectionsPerSurface} connections per surface, ${mixed.secondsPerRun} s each, a write every 2 s\n${table(rows)}`,
  )
  console.log(`    checks ${JSON.stringify(mixed.checks)}`)
}
if (search) {
  const rows: string[][] = [
    ['database', 'reviews', 'tracks', 'reindex s', 'p50/p95 ms', ...Object.keys(search[0].byQuery)],
  ]
  for (const run of search) {
    rows.push([
      run.database,
      String(run.reviews),
      String(run.tracks),
      String(run.reindexSeconds),
      `${run.all.p50}/${run.all.p95}`,
      ...Object.values(run.byQuery).map((query) => `${query.p50} (${query.total})`),
    ])
  }
  console.log(
    `\n(h) search, uncached (each URL new), one request at a time, ${SEARCH_ROUNDS} rounds; per query p50 ms (results)\n${table(rows)}`,
  )
}
if (site) {
  console.log(
    `\n(g) reader site, ${site.path} (${site.bytes} bytes): ${site.page.reqPerSec} req/s (x-cache ${site.page.xCache}), p50/p99 ${site.page.p50}/${site.page.p99} ms; /healthz ${site.floor.reqPerSec} (${site.floor.before} before, ${site.floor.after} after): ${site.ratio.toFixed(2)} of the floor`,
  )
}
console.log(
  `\nGoals\n${table([['measure', 'value', 'goal', 'met'], ...goals.map((goal) => [goal.measure, String(goal.value), goal.goal, goal.met ? 'yes' : 'NO'])])}`,
)
console.log(
  `\n${[results.parts.length ? 'bench/results.json' : '', search ? 'bench/results-search.json' : ''].filter(Boolean).join(' and ')} written; ${results.durationSeconds} s in all.`,
)
