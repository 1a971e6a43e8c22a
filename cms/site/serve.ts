import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { createLocalReq } from 'payload'

import { cachedPageRead, headFromGet, readPublicSchedule, SEARCH_CACHE_TAGS } from 'payload-soundtrack-reviews'

import { markedStatus } from './status'

/*
 * The reader pages behind the plugin's public cache. Next renders a page; the express server keeps
 * the HTML of anonymous GETs in memory while the versions of the page's cache tags (the change
 * feed's names, in Payload's kv, so every instance agrees) are unchanged.
 */

export type SiteRoute = {
  /** The cache tags of what the page shows; null: not kept (nothing in it changes with the content). */
  tags: null | string[]
  /** The page shows the schedule's next slot: kept no later than that slot. */
  showsSchedule?: boolean
  /** The path Next is asked for, when not the request's (a slug that is not valid percent-encoding). */
  renderPath?: string
}

/** Marks the server's own render request to Next (a secret per process): it skips the cache. */
export const SITE_RENDER_HEADER = 'x-soundtrack-site-render'

/** Headers of one connection, not of the page. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'date']

/** The admin's colour-scheme hint (withPayload's headers): a page has no use for it, and Critical-CH makes a browser ask twice. */
const ADMIN_ONLY = ['accept-ch', 'critical-ch']

const decodeSegment = (segment: string): null | string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

const byKind: Record<string, (slug: string) => string[]> = {
  // A review's film, tracks, composers and related reviews reach it as `review.updated`, with its slug's tag.
  reviews: (slug) => [`review:slug:${slug}`],
  films: (slug) => [`film:slug:${slug}`, 'films', 'reviews'],
  composers: (slug) => [`composer:slug:${slug}`, 'composers', 'reviews'],
}

/** The page at `pathname` and what it shows, or null when it is not a reader page. */
export const siteRouteOf = (pathname: string): null | SiteRoute => {
  switch (pathname) {
    case '/':
      return { tags: ['reviews', 'schedule'], showsSchedule: true }
    case '/reviews':
      return { tags: ['reviews'] }
    case '/sitemap.xml':
      return { tags: ['reviews', 'films', 'composers'] }
    case '/robots.txt':
      return { tags: null }
    // Kept per query like the search API's answers, by the same tags.
    case '/search':
      return { tags: [...SEARCH_CACHE_TAGS] }
  }
  const [, kind, segment] = /^\/(reviews|films|composers)\/([^/]+)$/.exec(pathname) ?? []
  if (!kind) {
    return null
  }
  const slug = decodeSegment(segment)
  // `%ff` is no slug (Next's router would answer 500): Next is asked for the literal text, which names no page.
  return slug === null
    ? { tags: null, renderPath: `/${kind}/${segment.replaceAll('%', '%25')}` }
    : { tags: byKind[kind](slug) }
}

/** Next's client router fetches a page's React payload at its own URL: never the HTML's cache entry. */
export const isRouterRequest = (headers: Headers, search: string): boolean =>
  headers.has('rsc') ||
  headers.has('next-router-prefetch') ||
  headers.has('next-router-state-tree') ||
  headers.has('next-action') ||
  new URLSearchParams(search).has('_rsc')

/** Next's client runtime in a page: every script but JSON-LD, and the hints that preload scripts. */
const CLIENT_RUNTIME =
  /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>|<link\b[^>]*\bas="script"[^>]*\/?>/g

/**
 * A reader page as a plain document. The pages are server components through and through, linked
 * with plain anchors: Next's router runtime and the page's React payload (two thirds of the bytes)
 * would do nothing for a reader, so readers are sent none of it. Editors' requests (signed in, where
 * a preview's client code will run) keep Next's document as it is.
 */
export const withoutClientRuntime = (html: string): string => html.replace(CLIENT_RUNTIME, '')

/** The first upcoming slot of the public schedule, when there is one. */
const nextSlotAfter = async (payload: Payload, now: number): Promise<Date | undefined> => {
  const { upcoming } = await readPublicSchedule(await createLocalReq({}, payload))
  const slot = upcoming.map(({ slot }) => Date.parse(slot)).find((instant) => instant > now)
  return slot === undefined ? undefined : new Date(slot)
}

export type SitePages = {
  /** Whether a request is the server's own render (`SITE_RENDER_HEADER`), which goes straight to Next. */
  isRender: (headerValue: string | undefined) => boolean
  /** GET or HEAD of a reader page: from the cache for anonymous readers, else rendered by Next. */
  serve: (request: Request, route: SiteRoute) => Promise<Response>
  /** A request of Next's client router for a reader page: rendered by Next, never cached, with the page's status. */
  serveToRouter: (request: Request, route: SiteRoute) => Promise<Response>
}

/**
 * `origin` is where this server's Next handler listens: a miss (or a signed-in request) asks it for
 * the page over loopback HTTP, so Next renders exactly what it would have sent the reader.
 */
export const createSitePages = ({ payload, origin }: { payload: Payload; origin: () => string }): SitePages => {
  const token = randomUUID()

  const render = async (request: Request, route: SiteRoute): Promise<Response> => {
    const url = new URL(request.url)
    const headers = new Headers(request.headers)
    for (const name of [...HOP_BY_HOP, 'host']) {
      headers.delete(name)
    }
    headers.set(SITE_RENDER_HEADER, token)
    // Kept whole in memory and sent to everyone: not compressed for the first asker.
    headers.set('accept-encoding', 'identity')
    const startedAt = Date.now()
    const isReader = !request.headers.has('cookie') && !request.headers.has('authorization')
    const response = await fetch(`${origin()}${route.renderPath ?? url.pathname}${url.search}`, {
      headers,
      redirect: 'manual',
    })
    const sent = new Headers(response.headers)
    for (const name of [...HOP_BY_HOP, ...ADMIN_ONLY]) {
      sent.delete(name)
    }
    // Pages are small and whole: read at once (a HEAD then has no stream left to cancel).
    let status = response.status
    let body: ArrayBuffer | string = await response.arrayBuffer()
    const type = sent.get('content-type') ?? ''
    if (type.startsWith('text/html') || type.startsWith('text/x-component')) {
      // A router's request gets the page's React payload, where the mark is a serialised element.
      const text = new TextDecoder().decode(body)
      status = status === 200 ? (markedStatus(text) ?? status) : status
      body = isReader && type.startsWith('text/html') ? withoutClientRuntime(text) : text
    }
    if (route.showsSchedule && status === 200) {
      const slot = await nextSlotAfter(payload, startedAt)
      if (slot) {
        sent.set('Expires', slot.toUTCString())
      }
    }
    return new Response(body, { status, headers: sent })
  }

  const get = (request: Request, route: SiteRoute): Promise<Response> =>
    route.tags
      ? cachedPageRead({ payload, request, tags: route.tags, produce: (cacheable) => render(cacheable, route) })
      : render(request, route)

  return {
    isRender: (headerValue) => headerValue === token,
    serve: (request, route) =>
      request.method === 'HEAD' ? headFromGet((each: Request) => get(each, route))(request) : get(request, route),
    serveToRouter: (request, route) => render(request, route),
  }
}
