import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { Server } from 'node:http'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Payload, SanitizedConfig } from 'payload'

import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import express from 'express'
import { Readable } from 'node:stream'
import { getPayload } from 'payload'

import { claimJobRunner, headFromGet } from 'payload-soundtrack-reviews'

import { adminAppDir } from './adminBuild'

type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

export type StartServerOptions = {
  config: Promise<SanitizedConfig> | SanitizedConfig
  port: number
  /** Serve the Next.js admin (needs a build); API-only servers (tests) leave it off. */
  admin?: boolean
  /** Runs once Payload is up and before the port opens, e.g. the demo seed. */
  beforeListen?: (payload: Payload) => Promise<void>
  /** The Next.js app that serves the admin. */
  projectDir?: string
}

export type RunningServer = { payload: Payload; port: number; url: string; close: () => Promise<void> }

/** Express request → fetch `Request`, streaming the body as-is. */
const toWebRequest = (req: ExpressRequest): Request => {
  const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, item)
    }
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // Node's fetch needs this to stream a request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit)
}

const sendWebResponse = async (response: Response, res: ExpressResponse): Promise<void> => {
  res.status(response.status)
  const cookies = response.headers.getSetCookie()
  response.headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') {
      res.setHeader(name, value)
    }
  })
  if (cookies.length > 0) {
    res.setHeader('set-cookie', cookies)
  }
  if (!response.body) {
    res.end()
    return
  }
  Readable.fromWeb(response.body as WebReadableStream).pipe(res)
}

/** Database round trip: the health check asks for one user count, whatever the adapter. */
const isDatabaseUp = async (payload: Payload): Promise<boolean> => {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000).unref())
  try {
    await Promise.race([payload.count({ collection: payload.config.admin.user, overrideAccess: true }), timeout])
    return true
  } catch {
    return false
  }
}

/**
 * The express server: `/healthz`, Payload's REST and GraphQL on `/api` (the same handlers Next's
 * route files use), the admin through Next's request handler, and the job queue in-process.
 */
export const startServer = async ({
  config,
  port,
  admin = true,
  beforeListen,
  projectDir = adminAppDir(),
}: StartServerOptions): Promise<RunningServer> => {
  const payload = await getPayload({ config })
  claimJobRunner(payload)
  // Crons start now, in this instance only: Next's bundled copy of Payload never runs the queue.
  await getPayload({ config, cron: true })
  await beforeListen?.(payload)

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', true)

  app.get('/healthz', async (_req, res) => {
    const isUp = await isDatabaseUp(payload)
    res.status(isUp ? 200 : 503).json({ ok: isUp, db: payload.db.name })
  })

  const apiRoute = payload.config.routes.api
  const graphQLRoute = `${apiRoute}${payload.config.routes.graphQL}`
  const graphQL = GRAPHQL_POST(config)
  app.post(graphQLRoute, async (req, res) => sendWebResponse(await graphQL(toWebRequest(req)), res))

  const restGet = REST_GET(config)
  const rest: Record<string, RouteHandler> = {
    DELETE: REST_DELETE(config),
    GET: restGet,
    HEAD: headFromGet(restGet),
    OPTIONS: REST_OPTIONS(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }
  app.use(apiRoute, async (req, res, next) => {
    const handler = rest[req.method]
    if (!handler) {
      next()
      return
    }
    const slug = req.path.split('/').filter(Boolean).map(decodeURIComponent)
    sendWebResponse(await handler(toWebRequest(req), { params: Promise.resolve({ slug }) }), res).catch(next)
  })

  let closeNext: () => Promise<void> = async () => {}
  if (admin) {
    const { default: next } = await import('next')
    const nextApp = next({ dev: false, dir: projectDir })
    await nextApp.prepare()
    const handle = nextApp.getRequestHandler()
    app.get('/', (_req, res) => res.redirect(payload.config.routes.admin))
    app.use((req, res) => handle(req, res))
    closeNext = () => nextApp.close()
  }

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(port, () => resolve(listening))
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closeNext()
      await payload.destroy()
    })())

  return { payload, port: actualPort, url: `http://localhost:${actualPort}`, close }
}
