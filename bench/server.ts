/*
 * One bench server per process, so the load generator never shares its event loop:
 *   ours  <db-file|uri> <port>  the plugin behind our express server (cms/server.ts)
 *   plain <db-file> <port>  the same collections on plain Payload, no hooks, Payload's REST only
 *   raw   <db-file> <port>  node:http + one SQLite SELECT per request of the bytes our server sent (the floor)
 */
import type { AddressInfo } from 'node:net'

import { createClient } from '@libsql/client'
import { REST_GET } from '@payloadcms/next/routes'
import express from 'express'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { Session } from 'node:inspector'
import { getPayload } from 'payload'

import { startServer } from '../cms/server'
import { oursConfig, plainConfig } from './configs'

const [mode, file, portText] = process.argv.slice(2)
const port = Number(portText)
/** A database file, or a database URI (`postgres://…`: the search bench on PostgreSQL). */
const uri = /^[a-z]+:/.test(file) ? file : `file:${file}`

/** BENCH_PROFILE=<file>: a CPU profile from READY to SIGTERM (bench/profile.ts), start-up left out. */
const profileTo = process.env.BENCH_PROFILE
const session = profileTo ? new Session() : undefined
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  )
if (session) {
  process.once('SIGTERM', async () => {
    const { profile } = (await post('Profiler.stop')) as {
      profile: { nodes: { callFrame: { scriptId: string; url: string } }[] }
    }
    writeFileSync(profileTo!, JSON.stringify(profile))
    // tsx's output of our own TypeScript (one line, names lost): its source maps name the functions.
    const ours = new Set(
      profile.nodes
        .filter(({ callFrame: { url } }) => /\.tsx?$/.test(url) && !url.includes('/node_modules/'))
        .map(({ callFrame: { scriptId } }) => scriptId),
    )
    await post('Debugger.enable')
    const sources: Record<string, string> = {}
    for (const scriptId of ours) {
      sources[scriptId] = (
        (await post('Debugger.getScriptSource', { scriptId })) as { scriptSource: string }
      ).scriptSource
    }
    writeFileSync(`${profileTo}.sources.json`, JSON.stringify(sources))
    process.exit(0)
  })
}

const ready = async (actual: number) => {
  if (session) {
    session.connect()
    await post('Profiler.enable')
    await post('Profiler.setSamplingInterval', { interval: 100 })
    await post('Profiler.start')
  }
  console.log(`READY ${actual}`)
}

if (mode === 'ours') {
  const server = await startServer({ config: oursConfig(uri), port, admin: false })
  ready(server.port)
} else if (mode === 'plain') {
  const config = plainConfig(uri)
  const payload = await getPayload({ config })
  const get = REST_GET(config)
  const app = express()
  app.get('/healthz', async (_req, res) => {
    await payload.count({ collection: 'users', overrideAccess: true })
    res.json({ ok: true })
  })
  app.get(/^\/api\/.*/, async (req, res) => {
    const url = `http://${req.get('host')}${req.originalUrl}`
    const slug = req.path.split('/').filter(Boolean).slice(1)
    const response = await get(new Request(url), { params: Promise.resolve({ slug }) })
    res.status(response.status)
    response.headers.forEach((value, name) => res.setHeader(name, value))
    res.send(Buffer.from(await response.arrayBuffer()))
  })
  const listening = app.listen(port, () => ready((listening.address() as AddressInfo).port))
} else if (mode === 'raw') {
  const db = createClient({ url: uri })
  const listening = createServer(async (req, res) => {
    const { rows } = await db.execute({ sql: 'SELECT type, body FROM pages WHERE path = ?', args: [req.url ?? '/'] })
    if (!rows[0]) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': String(rows[0].type) }).end(String(rows[0].body))
  }).listen(port, () => ready((listening.address() as AddressInfo).port))
} else if (mode === 'site') {
  // The app as `npm start` runs it (cms/payload.config.ts, the built admin app), for its reader pages; the demo when empty.
  process.env.DATABASE_URI = uri
  const { default: config } = await import('../cms/payload.config')
  const { seedDemo } = await import('../cms/seed')
  const server = await startServer({
    config,
    port,
    admin: true,
    site: true,
    beforeListen: async (payload) => void (await seedDemo({ payload })),
  })
  ready(server.port)
} else {
  throw new Error(`bench/server.ts: unknown mode ${mode}`)
}
