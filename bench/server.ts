/*
 * One bench server per process, so the load generator never shares its event loop:
 *   ours  <db-file> <port>  the plugin behind our express server (cms/server.ts)
 *   plain <db-file> <port>  the same collections on plain Payload, no hooks, Payload's REST only
 *   raw   <db-file> <port>  node:http + one SQLite SELECT per request of the bytes our server sent (the floor)
 */
import type { AddressInfo } from 'node:net'

import { createClient } from '@libsql/client'
import { REST_GET } from '@payloadcms/next/routes'
import express from 'express'
import { createServer } from 'node:http'
import { getPayload } from 'payload'

import { startServer } from '../cms/server'
import { oursConfig, plainConfig } from './configs'

const [mode, file, portText] = process.argv.slice(2)
const port = Number(portText)
const uri = `file:${file}`

const ready = (actual: number) => console.log(`READY ${actual}`)

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
} else {
  throw new Error(`bench/server.ts: unknown mode ${mode}`)
}
