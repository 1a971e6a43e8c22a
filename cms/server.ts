import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { IncomingMessage, Server } from 'node:http'
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
import { createServer } from 'node:http'
import { Readable } from 'node:stream'
import { getPayload } from 'payload'

import { cachedRestRead, claimJobRunner, headFromGet } from 'payload-soundtrack-reviews'

import { type CachedAnswer, cachedResponseFor } from '../src/cache/publicCache'
import { adminAppDir } from './adminBuild'
import { adminOriginAnswer } from './adminOrigin'
import { createSitePages, isRouterRequest, SITE_RENDER_HEADER, siteRouteOf } from './site/serve'
import { isSiteServed } from './site/serveSite'

type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

export type StartServerOptions = {
  config: Promise<SanitizedConfig> | SanitizedConfig
  port: number
  /** Serve the Next.js admin (needs a build); API-only servers (tests) leave it off. */
  admin?: boolean
  /** Serve the reader pages (`/`, `/reviews/:slug` …) beside the admin (default: `SERVE_SITE`, else true). */
  site?: boolean
  /** Runs once Payload is up and before the port opens, e.g. the demo seed. */
  beforeListen?: (payload: Payload) => Promise<void>
  /** The Next.js app that serves the admin. */
  projectDir?: string
  /** Larger request bodies get 413 before they are read (default `MAX_BODY_BYTES` or 2 MB). */
  maxBodyBytes?: number
}

const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

/** `TRUST_PROXY` as express reads it: `true`, a hop count, or addresses/subnets (`loopback, 10.0.0.0/8`). */
const trustProxySetting = (value: string): boolean | number | string =>
  value === 'true' ? true : /^\d+$/.test(value) ? Number(value) : value

export type RunningServer = { payload: Payload; port: number; url: string; close: () => Promise<void> }

const headersOf = (incoming: IncomingMessage['headers']): Headers => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, item)
    }
  }
  return headers
}

/** Express request → fetch `Request`, with the body express has read (within the size limit). */
const toWebRequest = (req: ExpressRequest): Request => {
  const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`
  const body: unknown = req.body
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && Buffer.isBuffer(body)
  return new Request(url, {
    method: req.method,
    headers: headersOf(req.headers),
    body: hasBody ? new Uint8Array(body) : undefined,
  })
}

/** A path's segments, decoded; undefined when it is not valid percent-encoding (`/admin/%ff`). */
const decodedSegments = (path: string): string[] | undefined => {
  try {
    return path.split('/').map(decodeURIComponent)
  } catch {
    return undefined
  }
}

/**
 * The public cache's hit for an anonymous-looking GET under the API route, before express or any
 * fetch `Request`: undefined for everything else, which the express app then handles as it always
 * has (the REST route decides anonymity again, computes, stores or bypasses). Payload's auth
 * strategies decide anonymity here too; a request with an Authorization header goes straight on
 * (a credential Payload accepts would be looked up twice), and so does one with a body or a path
 * whose percent-encoding the REST route refuses.
 */
const cachedHitFor = (payload: Payload, req: IncomingMessage): Promise<CachedAnswer | undefined> | undefined => {
  const { method = '', url: target = '', headers } = req
  const path = target.split('?')[0]
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0
  if (method !== 'GET' || hasBody || headers.authorization !== undefined) {
    return undefined
  }
  if (!path.startsWith(`${payload.config.routes.api}/`)) {
    return undefined
  }
  if (!decodedSegments(path)) {
    return undefined
  }
  // The URL toWebRequest builds; only its path, query and the Origin header make the cache key.
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
  const url = `${protocol}://${headers.host}${target}`
  // Whatever fails here, express meets it again and answers as it always has.
  return cachedResponseFor({ payload, method, url, headers: headersOf(headers) }).catch(() => undefined)
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
  // Payload's REST answers are whole JSON documents, and cached answers are in memory: one write beats piping a web stream.
  if (response.headers.get('content-type')?.startsWith('application/json') || response.headers.has('x-cache')) {
    res.end(Buffer.from(await response.arrayBuffer()))
    return
  }
  Readable.fromWeb(response.body as WebReadableStream).pipe(res)
}

const isJSONType = (type: string): boolean => type === 'application/json' || type.endsWith('+json')

/**
 * Payload reads a body as JSON; as multipart whose `_payload` field is JSON (the admin's writes and
 * uploads); or, on a POST that overrides its method to GET (the admin's relationship pickers), as a
 * urlencoded query. Anything else would reach its JSON parser and answer 500. The multipart form is
 * parsed by the platform's `Request.formData()`, only to read `_payload`.
 */
const bodyError = async (request: Request, size: number): Promise<{ status: number; message: string } | undefined> => {
  const contentType = request.headers.get('content-type') ?? ''
  const type = contentType.split(';')[0].trim().toLowerCase()
  const isQueryByPost = request.headers.get('x-payload-http-method-override')?.toUpperCase() === 'GET'
  if (size === 0 || isJSONType(type) || (isQueryByPost && type === 'application/x-www-form-urlencoded')) {
    return undefined
  }
  if (type !== 'multipart/form-data') {
    return {
      status: 415,
      message: `The request body is sent as ${contentType || 'an unnamed type'}; send it as application/json.`,
    }
  }
  const invalid = { status: 400, message: 'The multipart body must carry the document as JSON in its _payload field.' }
  try {
    const form = await request.clone().formData()
    const payloadField = form.get('_payload')
    if (typeof payloadField === 'string') {
      JSON.parse(payloadField)
      return undefined
    }
    // No document at all is only right for an upload, which carries its file.
    return form.has('file') ? undefined : invalid
  } catch {
    return invalid
  }
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
  site = isSiteServed(),
  beforeListen,
  projectDir = adminAppDir(),
  maxBodyBytes = Number(process.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES,
}: StartServerOptions): Promise<RunningServer> => {
  const payload = await getPayload({ config })
  claimJobRunner(payload)
  // Crons start now, in this instance only: Next's bundled copy of Payload never runs the queue.
  await getPayload({ config, cron: true })
  await beforeListen?.(payload)

  const app = express()
  app.disable('x-powered-by')
  /** Known once the port is open; the reader pages render through it. */
  let listeningPort = port
  // Behind a proxy, TRUST_PROXY lets X-Forwarded-* decide the protocol and client address; never by default.
  if (process.env.TRUST_PROXY) {
    app.set('trust proxy', trustProxySetting(process.env.TRUST_PROXY))
  }

  // An admin path that is not valid percent-encoding (`/admin/%ff`) names nothing; Next's router answered it 500.
  app.use(payload.config.routes.admin, (req, res, next) => {
    if (decodedSegments(req.originalUrl.split('?')[0])) {
      next()
    } else {
      res.status(400).type('text/plain').send('Bad request: the address is not valid percent-encoding.')
    }
  })

  app.get('/healthz', async (_req, res) => {
    const isUp = await isDatabaseUp(payload)
    res.status(isUp ? 200 : 503).json({ ok: isUp, db: payload.db.name })
  })

  const apiRoute = payload.config.routes.api
  const graphQLRoute = `${apiRoute}${payload.config.routes.graphQL}`
  const graphQL = GRAPHQL_POST(config)
  // A declared length over the limit is refused before a byte is read; chunked bodies stop at the limit.
  app.use(apiRoute, express.raw({ type: () => true, limit: maxBodyBytes }))
  app.post(graphQLRoute, async (req, res) => sendWebResponse(await graphQL(toWebRequest(req)), res))

  const uncachedGet = REST_GET(config)
  // Anonymous reads of the public collections come from the plugin's cache (emptied by its hooks).
  const restGet: RouteHandler = (request, args) =>
    cachedRestRead({ payload, request, produce: (cacheable) => uncachedGet(cacheable, args) })
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
    const slug = decodedSegments(req.path)?.filter(Boolean)
    if (!slug) {
      res.status(400).json({ errors: [{ message: `The URL path ${req.path} is not valid percent-encoding.` }] })
      return
    }
    const request = toWebRequest(req)
    const refused = await bodyError(request, Buffer.isBuffer(req.body) ? req.body.length : 0)
    if (refused) {
      res.status(refused.status).json({ errors: [{ message: refused.message }] })
      return
    }
    sendWebResponse(await handler(request, { params: Promise.resolve({ slug }) }), res).catch(next)
  })

  let closeNext: () => Promise<void> = async () => {}
  if (admin) {
    const { default: next } = await import('next')
    const nextApp = next({ dev: false, dir: projectDir })
    await nextApp.prepare()
    const handle = nextApp.getRequestHandler()
    app.use(payload.config.routes.admin, (req, res, next) => {
      const answer = adminOriginAnswer({
        serverURL: payload.config.serverURL,
        host: req.get('host'),
        forwardedHost: req.get('x-forwarded-host'),
        acceptLanguage: req.get('accept-language'),
        path: req.originalUrl,
      })
      if (!answer) {
        next()
      } else if (answer.kind === 'redirect') {
        res.redirect(307, answer.location)
      } else {
        res
          .status(answer.status)
          .type('html')
          .set({ 'cache-control': 'no-store', 'content-language': answer.language, vary: 'Accept-Language' })
          .send(answer.html)
      }
    })
    if (site) {
      // Anonymous readers get the pages from the public cache; a miss asks Next over loopback.
      const pages = createSitePages({ payload, origin: () => `http://127.0.0.1:${listeningPort}` })
      app.use((req, res, next) => {
        const route = siteRouteOf(req.path)
        const isPageRead = route && (req.method === 'GET' || req.method === 'HEAD')
        if (!isPageRead || pages.isRender(req.get(SITE_RENDER_HEADER))) {
          next()
          return
        }
        const request = toWebRequest(req)
        const isRouter = isRouterRequest(request.headers, new URL(request.url).search)
        ;(isRouter ? pages.serveToRouter(request, route) : pages.serve(request, route))
          .then((response) => sendWebResponse(response, res))
          .catch(next)
      })
    } else {
      app.get('/', (_req, res) => res.redirect(payload.config.routes.admin))
      // SERVE_SITE=false: another frontend serves the site (SITE_URL); the pages built into the admin app stay off.
      app.use((req, res, next) =>
        siteRouteOf(req.path) ? res.status(404).type('text/plain').send('Not Found') : next(),
      )
    }
    app.use((req, res) => handle(req, res))
    closeNext = () => nextApp.close()
  }

  // Last: body-size and malformed-body errors keep their 4xx; nothing sends a stack trace.
  app.use(
    (
      error: { status?: number; statusCode?: number; message?: string },
      _req: ExpressRequest,
      res: ExpressResponse,
      _next: () => void,
    ) => {
      const status = error.status ?? error.statusCode ?? 500
      const message =
        status === 413
          ? `The request body is larger than the ${maxBodyBytes} bytes this server accepts.`
          : status < 500
            ? (error.message ?? 'Bad request.')
            : 'Something went wrong.'
      if (status >= 500) {
        payload.logger.error({ err: error }, 'Unhandled error in the express server')
      }
      res.status(status).json({ errors: [{ message }] })
    },
  )

  const server: Server = await new Promise((resolve) => {
    // Cache hits first (see cachedHitFor); everything else, misses included, through express.
    const listening: Server = createServer((req, res) => {
      const hit = cachedHitFor(payload, req)
      if (!hit) {
        app(req, res)
        return
      }
      hit
        .then((answer) => {
          if (!answer) {
            app(req, res)
            return
          }
          res.statusCode = answer.status
          for (const [name, value] of answer.headers) {
            res.setHeader(name, value)
          }
          res.end(answer.body ?? undefined)
        })
        .catch((error: unknown) => res.destroy(error as Error))
    })
    // As express's app.listen has it: a listen error reaches the callback too.
    listening.once('error', () => resolve(listening))
    listening.listen(port, () => resolve(listening))
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  listeningPort = actualPort

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
