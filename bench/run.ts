/*
 * `npm run bench`: one run on fresh SQLite files (see BENCHMARKS.md). Prints the table and writes
 * bench/results.json. BENCH_SECONDS (default 5) is each HTTP measurement, BENCH_SOAK_SECONDS
 * (default 90; the figure is 600) the RSS soak.
 */
import type { ChildProcess } from 'node:child_process'
import type { Payload } from 'payload'

import { createClient } from '@libsql/client'
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLocalReq, createPayloadRequest, getPayload } from 'payload'

import { seedDemo } from '../cms/seed'
import { readPublicSchedule } from '../src/endpoints/schedule'
import { findDueReviews } from '../src/jobs/publishDueReviews'
import { recordQueries } from '../test/helpers'
import { oursConfig, plainConfig } from './configs'

Object.assign(process.env, { NODE_ENV: 'production' })
const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '..')
const WORK = path.join(ROOT, 'data', 'bench')
const SECONDS = Number(process.env.BENCH_SECONDS || 5)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS || 90)
const CONNECTIONS = 8

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

const load = async (url: string): Promise<HTTPResult> => {
  await autocannon({ url, connections: CONNECTIONS, duration: 1 })
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

const seedDemoDatabase = async (file: string) => {
  const payload = await getPayload({ config: oursConfig(`file:${file}`), key: 'bench-seed' })
  const { seeded, reason } = await seedDemo({ payload })
  if (!seeded) {
    throw new Error(`bench: demo not seeded: ${reason}`)
  }
  await payload.destroy()
}

const httpReads = async () => {
  const demo = fileFor('demo')
  await seedDemoDatabase(demo)
  copyFileSync(demo, fileFor('plain'))

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

  // JIT and first-request work out of the way before anything is measured.
  const everything = ['/healthz', ...Object.values(surfaces)].map((target) => ({ path: target }))
  await autocannon({ url: ours.url, connections: CONNECTIONS, duration: 5, requests: everything })
  const results: Record<string, { ours: HTTPResult; plain?: HTTPResult; raw: HTTPResult }> = {}
  // The floor before and after the surfaces, so a drift in the machine's speed during the run
  // moves the floor with them: their mean is what the surfaces are compared to.
  const floorBefore = await load(`${ours.url}/healthz`)
  for (const [name, target] of Object.entries(surfaces)) {
    results[name] = { ours: await load(`${ours.url}${target}`), raw: undefined as unknown as HTTPResult }
  }
  const floorAfter = await load(`${ours.url}/healthz`)
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

  const rawServer = await launch('raw', fileFor('raw'))
  const rawFloor = await load(`${rawServer.url}/healthz`)
  for (const [name, target] of Object.entries(surfaces)) {
    results[name].raw = await load(`${rawServer.url}${target}`)
  }
  await stop(rawServer)
  return { floor: { ...floor, plain: plainFloor, raw: rawFloor }, surfaces: results, rss }
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
// The in-process measures first: they take a minute, the HTTP reads and the soak most of the run.
const local = await saves()
const http = await httpReads()
const ratio = (a: number, b: number) => Number((a / b).toFixed(2))
const floorRate = http.floor.ours.reqPerSec
const review = http.surfaces['review by id, depth=1']
const goals = [
  ...Object.entries(http.surfaces).map(([name, result]) => ({
    measure: `${name} vs /healthz`,
    value: ratio(result.ours.reqPerSec, floorRate),
    goal: '>= 0.5',
    met: result.ours.reqPerSec / floorRate >= 0.5,
  })),
  {
    measure: 'review read vs plain Payload',
    value: ratio(review.ours.reqPerSec, review.plain!.reqPerSec),
    goal: '>= 3',
    met: review.ours.reqPerSec / review.plain!.reqPerSec >= 3,
  },
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
  {
    measure: `RSS growth after warm-up (${http.rss.seconds} s soak)`,
    value: http.rss.growth,
    goal: '<= 0.10',
    met: http.rss.growth <= 0.1,
  },
]

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cores: (await import('node:os')).cpus().length,
  connections: CONNECTIONS,
  secondsPerMeasurement: SECONDS,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  http,
  local,
  goals,
}
writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)

const rows: string[][] = [['surface', 'ours req/s', 'of floor', 'p50/p99 ms', 'plain req/s', 'raw req/s']]
rows.push([
  `/healthz (floor: mean of ${http.floor.oursBefore} before, ${http.floor.oursAfter} after)`,
  String(floorRate),
  '1.00',
  `${http.floor.ours.p50}/${http.floor.ours.p99}`,
  String(http.floor.plain.reqPerSec),
  String(http.floor.raw.reqPerSec),
])
for (const [name, result] of Object.entries(http.surfaces)) {
  rows.push([
    name,
    String(result.ours.reqPerSec),
    ratio(result.ours.reqPerSec, floorRate).toFixed(2),
    `${result.ours.p50}/${result.ours.p99}`,
    result.plain ? String(result.plain.reqPerSec) : '–',
    String(result.raw.reqPerSec),
  ])
}
const table = (lines: string[][]) => {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)))
  return lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n')
}
console.log(`\n(a) HTTP reads, ${CONNECTIONS} connections, ${SECONDS} s each\n${table(rows)}`)
console.log(
  `\n(b) track save (median ms) ${JSON.stringify(local.trackSave)}\n    import (ms) ${JSON.stringify(local.imports)}`,
)
console.log(`(c) schedule and due query (median ms) ${JSON.stringify(local.scheduleAndDue)}`)
console.log(`(d) RSS ${JSON.stringify(http.rss)}`)
console.log(`(e) queries per operation ${JSON.stringify(local.queries)}`)
console.log(
  `\nGoals\n${table([['measure', 'value', 'goal', 'met'], ...goals.map((goal) => [goal.measure, String(goal.value), goal.goal, goal.met ? 'yes' : 'NO'])])}`,
)
console.log(`\nbench/results.json written; ${results.durationSeconds} s in all.`)
