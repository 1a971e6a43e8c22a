/*
 * `node scripts/node.mjs bench/profile.ts [path] [seconds]`: a CPU profile of our express app
 * (bench/server.ts ours, the demo column; sampled from READY, so start-up is left out) while `path` (default the review by slug) is read
 * anonymously with 8 connections, then the functions with the most self time, the packages they
 * belong to, and the inclusive time of the steps of a cache hit. `search`: the search bench's
 * queries instead, one at a time, each a cache miss, on the archive of 10,000 reviews that a
 * `BENCH_ONLY=search` run left (data/bench/search-10000.db). Needs the demo database a bench run
 * seeded (data/bench/seed.db: any `npm run bench`, e.g. `BENCH_ONLY=mixed BENCH_MIXED_SECONDS=1`).
 */
import type { ChildProcess } from 'node:child_process'

import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { SEARCH_QUERIES } from './search'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PROFILES = path.join(ROOT, 'data', 'bench', 'profiles')
const PROFILE_FILE = path.join(PROFILES, 'ours.cpuprofile')
const [target = 'by-slug', secondsText = '10'] = process.argv.slice(2)
const seconds = Number(secondsText)

type Node = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId: string }
  children?: number[]
}
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const launch = (file: string): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const conditions = Number(process.versions.node.split('.')[0]) < 22 ? ['--conditions=development'] : []
    const child = spawn(process.execPath, [...conditions, '--import', 'tsx', 'bench/server.ts', 'ours', file, '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PAYLOAD_SECRET: 'bench-secret-not-for-production',
        BENCH_PROFILE: PROFILE_FILE,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString())
      if (match) {
        resolve({ child, url: `http://127.0.0.1:${match[1]}` })
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })

rmSync(PROFILES, { recursive: true, force: true })
mkdirSync(PROFILES, { recursive: true })
const isSearch = target === 'search'
// `search` reads the archive of 10,000 reviews a search bench run left (read only: no copy needed).
const file = path.join(ROOT, 'data', 'bench', isSearch ? 'search-10000.db' : 'profile.db')
if (!isSearch) {
  copyFileSync(path.join(ROOT, 'data', 'bench', 'seed.db'), file)
}
const server = await launch(file)
const { docs } = (await (await fetch(`${server.url}/api/reviews?limit=1&depth=0`)).json()) as {
  docs: { id: number; slug: string }[]
}
const paths: Record<string, string> = {
  'by-slug': `/api/reviews/by-slug/${docs[0].slug}`,
  'by-id': `/api/reviews/${docs[0].id}?depth=1`,
  'json-ld': `/api/reviews/${docs[0].id}/json-ld`,
  rss: '/api/feeds/reviews.rss',
  schedule: '/api/schedule',
  healthz: '/healthz',
}
const url = isSearch ? `${server.url}/api/search` : `${server.url}${paths[target] ?? target}`
// The search's reader queries one at a time, each URL new (`n`), so every request is a cache miss.
let sequence = 0
const searchQueries = Object.values(SEARCH_QUERIES).filter(Boolean)
const options = isSearch
  ? {
      connections: 1,
      requests: [
        {
          setupRequest: (request: { path: string }) => ({
            ...request,
            path: `/api/search?q=${encodeURIComponent(searchQueries[sequence % searchQueries.length])}&n=${++sequence}`,
          }),
        },
      ],
    }
  : { connections: 8 }
await autocannon({ url, ...options, duration: 3 })
const result = await autocannon({ url, ...options, duration: seconds })
console.log(
  `${url}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
)
server.child.removeAllListeners('exit')
const exited = new Promise((resolve) => server.child.once('exit', resolve))
server.child.kill('SIGTERM')
await exited

const profile = JSON.parse(readFileSync(PROFILE_FILE, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
profile.nodes.forEach((node) => node.children?.forEach((child) => parent.set(child, node.id)))

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(`${ROOT}/`, '')
    .replace(/^.*node_modules\//, 'node_modules/')
// Our TypeScript as tsx ran it: back to the original line through each script's inline source map.
const sources = JSON.parse(readFileSync(`${PROFILE_FILE}.sources.json`, 'utf8')) as Record<string, string>
const maps = new Map<string, TraceMap | null>()
const mapOf = (scriptId: string): TraceMap | null => {
  if (!maps.has(scriptId)) {
    const inline = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)/.exec(sources[scriptId] ?? '')
    maps.set(scriptId, inline ? new TraceMap(Buffer.from(inline[1], 'base64').toString('utf8')) : null)
  }
  return maps.get(scriptId)!
}
const originalLines = new Map<string, string[]>()
/** `name file:line` for a function of ours, named by the declaration its source map points to. */
const ownName = ({
  callFrame: { url, lineNumber, columnNumber, scriptId, functionName },
}: Node): string | undefined => {
  const map = mapOf(scriptId)
  const position = map ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }) : undefined
  if (!position?.line) {
    return undefined
  }
  const file = fileURLToPath(url)
  if (!originalLines.has(file)) {
    originalLines.set(file, readFileSync(file, 'utf8').split('\n'))
  }
  const lines = originalLines.get(file)!
  // The nearest declaration at or above the function's start names it.
  for (let line = position.line - 1; line >= 0 && line >= position.line - 40; line--) {
    const declared = /(?:const|function|let)\s+([\w$]+)|^\s*(?:async\s+)?([\w$]+)\s*[:(=]/.exec(lines[line])
    if (declared) {
      return `${functionName || declared[1] || declared[2]}${line === position.line - 1 ? '' : ' (inner)'} ${short(url)}:${position.line}`
    }
  }
  return `${functionName || '(anonymous)'} ${short(url)}:${position.line}`
}
const keyOf = (node: Node) => {
  const { functionName, url, lineNumber } = node.callFrame
  return (
    (sources[node.callFrame.scriptId] !== undefined ? ownName(node) : undefined) ??
    `${functionName || '(anonymous)'} ${short(url)}${url ? `:${lineNumber + 1}` : ''}`
  )
}
const groupOf = ({ callFrame: { url, functionName } }: Node): string => {
  if (!url) {
    return functionName.startsWith('(') ? functionName : '(native)'
  }
  if (url.startsWith('node:')) {
    return 'node:' + (url.slice(5).split('/')[0] ?? '')
  }
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (inModules) {
    return inModules[1]
  }
  return short(url).split('/').slice(0, 2).join('/')
}

const self = new Map<string, number>()
const groups = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
let busy = 0
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0
  const node = byId.get(id)!
  total += delta
  if (node.callFrame.functionName !== '(idle)') {
    busy += delta
  }
  self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + delta)
  groups.set(groupOf(node), (groups.get(groupOf(node)) ?? 0) + delta)
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!
    const name = frame.callFrame.functionName || (sources[frame.callFrame.scriptId] ? keyOf(frame).split(' ')[0] : '')
    if (name && !seen.has(name)) {
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + delta)
    }
  }
})
const percent = (value: number) => `${((value / busy) * 100).toFixed(1)} %`
const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, value]) => `  ${percent(value).padStart(7)}  ${name}`)
    .join('\n')
console.log(`\nbusy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled (shares are of busy time)`)
console.log(`\nself time by function\n${top(self, 30)}`)
console.log(`\nself time by package or folder\n${top(groups, 20)}`)
const steps = (process.env.PROFILE_STEPS ?? '').split(',').filter(Boolean)
const named = [
  'toWebRequest',
  'sendWebResponse',
  'bodyError',
  'cachedRestRead',
  'isAnonymousTo',
  'executeAuthStrategies',
  'servePublic',
  'readTagVersions',
  'readStored',
  'headersWithCors',
  'cachedResponseFor',
  'answerFromCache',
  'tagsOfPath',
  'query',
  'expressInit',
  'rawParser',
  ...steps,
]
console.log(
  `\ninclusive time of named steps\n${named
    .filter((name) => inclusive.has(name))
    .map((name) => `  ${percent(inclusive.get(name)!).padStart(7)}  ${name}`)
    .join('\n')}`,
)
