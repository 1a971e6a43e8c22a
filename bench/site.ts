/*
 * (g) The reader site in `npm run bench`: the review page as an anonymous reader gets it (from the
 * app's public cache) against /healthz, both from one server in its own process: cms/server.ts with
 * the built admin app and cms/payload.config.ts, as `npm start` runs it, on the demo column.
 */
import autocannon from 'autocannon'
import { rmSync } from 'node:fs'

import { ensureAdminBuild } from '../cms/adminBuild'
import { launchBenchServer, stopBenchServer } from './launch'

type Load = { reqPerSec: number; p50: number; p99: number; errors: number }

export type SitePageResult = {
  path: string
  /** What one answer of the page weighs (it is sent uncompressed). */
  bytes: number
  /** The mean of /healthz measured before and after the page, as for the API surfaces. */
  floor: Load & { before: number; after: number }
  /** And how the server answered it right after the measurement (`hit`: from its cache). */
  page: Load & { xCache: null | string }
  ratio: number
}

export const sitePageReads = async ({
  root,
  file,
  seconds,
  connections,
}: {
  root: string
  /** A database file the server creates, migrates and seeds with the demo. */
  file: string
  seconds: number
  connections: number
}): Promise<SitePageResult> => {
  // The admin build collects page data with the app's config, which wants a secret in production.
  process.env.PAYLOAD_SECRET ||= 'bench-secret-not-for-production'
  ensureAdminBuild({ projectDir: root })
  rmSync(file, { force: true })
  const server = await launchBenchServer({ root, mode: 'site', database: file })
  const { url } = server
  try {
    const { docs } = (await (await fetch(`${url}/api/reviews?limit=1&depth=0`)).json()) as { docs: { slug: string }[] }
    const path = `/reviews/${docs[0].slug}`
    const bytes = (await (await fetch(`${url}${path}`)).arrayBuffer()).byteLength
    const load = async (target: string): Promise<Load> => {
      await autocannon({ url: `${url}${target}`, connections, duration: 1 })
      const result = await autocannon({ url: `${url}${target}`, connections, duration: seconds })
      return {
        reqPerSec: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx + result.timeouts,
      }
    }
    const before = await load('/healthz')
    const page = await load(path)
    const xCache = (await fetch(`${url}${path}`)).headers.get('x-cache')
    const after = await load('/healthz')
    const floorRate = Math.round((before.reqPerSec + after.reqPerSec) / 2)
    return {
      path,
      bytes,
      floor: {
        reqPerSec: floorRate,
        p50: Math.max(before.p50, after.p50),
        p99: Math.max(before.p99, after.p99),
        errors: before.errors + after.errors,
        before: before.reqPerSec,
        after: after.reqPerSec,
      },
      page: { ...page, xCache },
      ratio: Number((page.reqPerSec / floorRate).toFixed(2)),
    }
  } finally {
    await stopBenchServer(server)
  }
}
