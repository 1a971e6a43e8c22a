import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DRAFT_ONLY_MARKER, seedDemo } from '../cms/seed'
import { paragraph, richText } from '../cms/seed/richText'
import { findFeedReviews } from '../src/feeds/findFeedReviews'
import { createUser, loginHeaders, startTestServer, uniqueSuffix, uniqueTitle, withQueryCount } from './helpers'

type Format = 'atom' | 'json' | 'rss'

const SITE = 'https://soundtracks.example'
const FORMATS: Format[] = ['rss', 'atom', 'json']
const CONTENT_TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

const FALLOUT_TITLE = 'Exploring Soundtracks: Mission: Impossible – Fallout'
/** In no feed, ever: the draft's title, excerpt and body, and the newer draft of a published review. */
const DRAFT_MARKER = `FEED-DRAFT-${uniqueSuffix()}`
/** Only in published reviews' rich text: feeds carry excerpts, never bodies. */
const BODY_MARKER = `FEED-BODY-${uniqueSuffix()}`

let server: RunningServer
let payload: Payload
let film: ID
/** Published reviews, newest first. */
let published: Array<{ id: ID; title: string }>
let draft: ID

type Fetched = { status: number; headers: Headers; body: string }

const get = async (path: string, headers: Record<string, string> = {}): Promise<Fetched> => {
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

const getFeed = (format: Format, query = '', headers: Record<string, string> = {}): Promise<Fetched> =>
  get(`/api/feeds/reviews.${format}${query}`, headers)

/**
 * A minimal well-formedness check (no XML parser in the project): one root element, tags nest and
 * close in order, no stray `<` or unescaped `&` in text. CDATA is opaque. Returns the root's name.
 */
const checkXML = (xml: string): { root: string | null; problems: string[] } => {
  const problems: string[] = []
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('no XML declaration')
  const body = xml
    .replace(/^<\?xml[^?]*\?>/, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g
  const stack: string[] = []
  let root: string | null = null
  let roots = 0
  let last = 0
  const checkText = (text: string) => {
    if (/[<>]/.test(text)) problems.push(`stray markup: ${text.trim().slice(0, 60)}`)
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(text))
      problems.push(`unescaped &: ${text.trim().slice(0, 60)}`)
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text.trim().slice(0, 60)}`)
  }
  for (const match of body.matchAll(tag)) {
    checkText(body.slice(last, match.index))
    last = match.index + match[0].length
    const [, closing, name, attributes, selfClosing] = match
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(attributes)) problems.push(`unescaped & in <${name}>`)
    if (closing) {
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open}>`)
      continue
    }
    if (stack.length === 0) {
      roots += 1
      root = name
    }
    if (!selfClosing) stack.push(name)
  }
  checkText(body.slice(last))
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return { root, problems }
}

const cdataOf = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${element}>`, 'g'))].map(
    (match) => match[1],
  )

const blocks = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, 'g'))].map((match) => match[1])

/** Item titles, links and ids in document order, whatever the format; plain text as a reader shows it. */
const readItems = (format: Format, body: string): Array<{ title: string; link: string; id: string }> => {
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  if (format === 'json') {
    return (JSON.parse(body) as { items: Array<{ title: string; url: string; id: string }> }).items.map((item) => ({
      title: item.title,
      link: item.url,
      id: item.id,
    }))
  }
  if (format === 'rss') {
    return blocks(body, 'item').map((item) => ({
      title: unescape(cdataOf(item, 'title')[0]),
      link: /<link>([^<]*)<\/link>/.exec(item)?.[1] ?? '',
      id: /<guid[^>]*>([^<]*)<\/guid>/.exec(item)?.[1] ?? '',
    }))
  }
  return blocks(body, 'entry').map((entry) => ({
    title: unescape(cdataOf(entry, 'title')[0]),
    link: /<link href="([^"]*)"\/>/.exec(entry)?.[1] ?? '',
    id: /<id>([^<]*)<\/id>/.exec(entry)?.[1] ?? '',
  }))
}

const createReview = async (data: Record<string, unknown>): Promise<ID> =>
  (
    await payload.create({
      collection: 'reviews',
      draft: data._status !== 'published',
      data: { film, plotRecap: richText(paragraph(`Recap ${BODY_MARKER}`)), ...data },
      depth: 0,
      overrideAccess: true,
    })
  ).id

beforeAll(async () => {
  process.env.SITE_URL = SITE
  server = await startTestServer('feeds')
  payload = server.payload
  expect(await seedDemo({ payload })).toEqual({ seeded: true })
  film = (
    await payload.create({
      collection: 'films',
      data: { title: 'Tom & Jerry: <The Movie>', releaseYear: 1992, director: 'Phil Roman' },
      depth: 0,
      overrideAccess: true,
    })
  ).id
  const [fallout] = (
    await payload.find({ collection: 'reviews', where: { seriesPart: { equals: 2 } }, depth: 0, overrideAccess: true })
  ).docs
  const older = { title: uniqueTitle('Cat & mouse: “scoring” <slapstick>'), publishedAt: '2019-05-01T09:00:00.000Z' }
  const newer = { title: uniqueTitle('Newest published review'), publishedAt: '2020-02-14T09:00:00.000Z' }
  const olderID = await createReview({
    ...older,
    _status: 'published',
    excerpt: 'Strings & brass, ]]> and <b>all</b>.',
    rating: 7,
  })
  const newerID = await createReview({ ...newer, _status: 'published', excerpt: 'The newest one.' })
  // A published review with a newer, unpublished draft: the feeds show the published version.
  await payload.update({
    collection: 'reviews',
    id: olderID,
    draft: true,
    data: { title: `${DRAFT_MARKER} retitled`, excerpt: DRAFT_MARKER },
    depth: 0,
    overrideAccess: true,
  })
  draft = await createReview({
    title: `Draft ${DRAFT_MARKER}`,
    excerpt: `Excerpt ${DRAFT_MARKER}`,
    analysis: richText(paragraph(`Analysis ${DRAFT_MARKER}`)),
    publishedAt: '2030-01-01T09:00:00.000Z',
  })
  published = [
    { id: newerID, title: newer.title },
    { id: olderID, title: older.title },
    { id: fallout.id, title: FALLOUT_TITLE },
  ]
})

afterAll(async () => {
  delete process.env.SITE_URL
  await server?.close()
})

describe('review feeds', () => {
  it('should serve each format with its content type and validators', async () => {
    for (const format of FORMATS) {
      const response = await getFeed(format)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-type'), format).toBe(CONTENT_TYPES[format])
      expect(response.headers.get('etag'), format).toMatch(/^"[\w-]+"$/)
      // The ETag alone: no date moves when a film is renamed or the newest review is unpublished.
      expect(response.headers.get('last-modified'), format).toBeNull()
    }
  })

  it('should serve well-formed RSS 2.0 listing exactly the published reviews, newest first', async () => {
    const { body } = await getFeed('rss')
    expect(checkXML(body)).toEqual({ root: 'rss', problems: [] })
    expect(body).toMatch(/^<\?xml[^>]*\?>\s*<rss version="2\.0"/)
    expect(blocks(body, 'item')).toHaveLength(3)
    expect(readItems('rss', body).map((item) => item.title)).toEqual(published.map((review) => review.title))
  })

  it('should serve well-formed Atom 1.0 listing exactly the published reviews, newest first', async () => {
    const { body } = await getFeed('atom')
    expect(checkXML(body)).toEqual({ root: 'feed', problems: [] })
    expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(blocks(body, 'entry')).toHaveLength(3)
    expect(readItems('atom', body).map((item) => item.title)).toEqual(published.map((review) => review.title))
  })

  it('should serve JSON Feed 1.1 listing exactly the published reviews, newest first', async () => {
    const { body } = await getFeed('json')
    const feed = JSON.parse(body) as {
      version: string
      title: string
      home_page_url: string
      feed_url: string
      authors: Array<{ name: string }>
      items: Array<{
        id: string
        url: string
        title: string
        content_html: string
        summary?: string
        date_published: string
      }>
    }
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed).toMatchObject({
      home_page_url: `${SITE}/reviews`,
      feed_url: `${SITE}/api/feeds/reviews.json`,
      authors: [{ name: 'Exploring Soundtracks' }],
    })
    expect(feed.items.map((item) => item.title)).toEqual(published.map((review) => review.title))
    const dates = feed.items.map((item) => item.date_published)
    expect(dates).toEqual(['2020-02-14T09:00:00.000Z', '2019-05-01T09:00:00.000Z', '2018-08-03T09:00:00.000Z'])
    expect(feed.items[1].summary).toBe('Strings & brass, ]]> and <b>all</b>.')
    expect(feed.items[1].content_html).toContain('Strings &amp; brass, ]]&gt; and &lt;b&gt;all&lt;/b&gt;.')
  })

  it('should give every item an absolute link and id on the site', async () => {
    const slug = (await payload.findByID({ collection: 'reviews', id: published[2].id, depth: 0 })).slug
    for (const format of FORMATS) {
      const items = readItems(format, (await getFeed(format)).body)
      for (const item of items) {
        expect(new URL(item.link).origin, format).toBe(SITE)
        expect(item.link, format).toMatch(new RegExp(`^${SITE}/reviews/[a-z0-9-]+$`))
        expect(item.id, format).toBe(item.link)
      }
      expect(items[2].link).toBe(`${SITE}/reviews/${slug}`)
    }
  })

  it('should put the film title and year in each item', async () => {
    const feed = JSON.parse((await getFeed('json')).body) as { items: Array<{ content_html: string }> }
    expect(feed.items[2].content_html).toContain('Film: <cite>Mission: Impossible – Fallout</cite> (2018)')
    expect(feed.items[0].content_html).toContain('Film: <cite>Tom &amp; Jerry: &lt;The Movie&gt;</cite> (1992)')
    expect(feed.items[1].content_html).toContain('Rating: 7/10')
    const rss = (await getFeed('rss')).body
    expect(cdataOf(rss, 'content:encoded')[2]).toContain('Film: <cite>Mission: Impossible – Fallout</cite> (2018)')
  })

  it('should never carry drafts or rich-text bodies', async () => {
    for (const format of FORMATS) {
      for (const query of ['', '?limit=100', '?page=2&limit=1']) {
        const { body } = await getFeed(format, query)
        expect(body, `${format}${query}`).not.toContain(DRAFT_MARKER)
        expect(body, `${format}${query}`).not.toContain(DRAFT_ONLY_MARKER)
        expect(body, `${format}${query}`).not.toContain(BODY_MARKER)
        expect(body, `${format}${query}`).not.toContain('Chad Stahelski')
      }
    }
  })

  it('should show a signed-in admin the same published-only feed as everyone else', async () => {
    const headers = await loginHeaders(server.url, await createUser(payload, 'admin'))
    for (const format of FORMATS) {
      const signedIn = await getFeed(format, '', headers)
      expect(signedIn.status, format).toBe(200)
      expect(signedIn.body, format).not.toContain(DRAFT_MARKER)
      expect(signedIn.body, format).toBe((await getFeed(format)).body)
    }
  })

  it('should answer 304 with no body to a matching If-None-Match, and 200 otherwise', async () => {
    for (const format of FORMATS) {
      const first = await getFeed(format)
      const etag = first.headers.get('etag') as string
      const again = await getFeed(format, '', { 'If-None-Match': etag })
      expect(again.status, format).toBe(304)
      expect(again.body, format).toBe('')
      expect(again.headers.get('etag'), format).toBe(etag)
      expect((await getFeed(format, '', { 'If-None-Match': `"other", W/${etag}` })).status, format).toBe(304)
      expect((await getFeed(format, '', { 'If-None-Match': '"stale"' })).status, format).toBe(200)
      const unchanged = await getFeed(format)
      expect(unchanged.body, format).toBe(first.body)
      expect(unchanged.headers.get('etag'), format).toBe(etag)
    }
  })

  it('should answer If-Modified-Since alone with the whole feed, since only the ETag says what changed', async () => {
    const later = new Date(Date.now() + 60_000).toUTCString()
    expect((await getFeed('atom', '', { 'If-Modified-Since': later })).status).toBe(200)
  })

  it('should change the ETag once another review is published', async () => {
    const before = await getFeed('json')
    const id = await createReview({ title: uniqueTitle('Just published'), _status: 'published' })
    try {
      const after = await getFeed('json', '', { 'If-None-Match': before.headers.get('etag') as string })
      expect(after.status).toBe(200)
      expect(readItems('json', after.body)[0].id).toMatch(/just-published/)
    } finally {
      await payload.delete({ collection: 'reviews', id, depth: 0, overrideAccess: true })
    }
    expect((await getFeed('json')).headers.get('etag')).toBe(before.headers.get('etag'))
  })

  it('should page with limit and page', async () => {
    const titles = published.map((review) => review.title)
    for (const format of FORMATS) {
      expect(
        readItems(format, (await getFeed(format, '?limit=1')).body).map((item) => item.title),
        format,
      ).toEqual([titles[0]])
      expect(
        readItems(format, (await getFeed(format, '?limit=1&page=2')).body).map((item) => item.title),
        format,
      ).toEqual([titles[1]])
      expect(
        readItems(format, (await getFeed(format, '?limit=2&page=2')).body).map((item) => item.title),
        format,
      ).toEqual([titles[2]])
      const beyond = await getFeed(format, '?limit=2&page=9')
      expect(beyond.status, format).toBe(200)
      expect(readItems(format, beyond.body), format).toEqual([])
      expect(readItems(format, (await getFeed(format, '?limit=1000')).body), format).toHaveLength(3)
    }
    const json = JSON.parse((await getFeed('json', '?limit=1&page=2')).body) as { feed_url: string; next_url?: string }
    expect(json.feed_url).toBe(`${SITE}/api/feeds/reviews.json?limit=1&page=2`)
    expect(json.next_url).toBe(`${SITE}/api/feeds/reviews.json?limit=1&page=3`)
    expect(JSON.parse((await getFeed('json', '?limit=1&page=3')).body).next_url).toBeUndefined()
  })

  it('should refuse a limit or page that is not a positive whole number with 400', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=-1', '?page=0', '?page=1.5', '?limit=2e1']) {
      const response = await getFeed('rss', query)
      expect(response.status, query).toBe(400)
      const body = JSON.parse(response.body) as { errors: Array<{ message: string }> }
      expect(body.errors[0].message, query).toMatch(/must be a whole number/)
    }
  })

  it('should read only the fields an item shows, never rich text', async () => {
    const { reviews } = await findFeedReviews({ req: await createLocalReq({}, payload), limit: 100 })
    expect(reviews).toHaveLength(3)
    const shown = ['id', 'title', 'slug', 'excerpt', 'rating', 'publishedAt', 'updatedAt', 'film']
    for (const review of reviews) {
      expect(Object.keys(review).filter((key) => !shown.includes(key))).toEqual([])
      expect(Object.keys(review.film as object).sort()).toEqual(['id', 'releaseYear', 'title'])
    }
  })

  it('should use the same number of queries for one item as for a full page', async () => {
    const isContent = (call: { collection?: string }) =>
      ['reviews', 'films', 'tracks', 'composers', 'users'].includes(call.collection ?? '')
    const fewest = async (query: string): Promise<number> => {
      const counts: number[] = []
      // The in-process job queue may query reviews at any time: the quietest of three runs is ours.
      for (let run = 0; run < 3; run++) {
        const { calls } = await withQueryCount(payload, () => getFeed('json', query))
        counts.push(calls.filter(isContent).length)
      }
      return Math.min(...counts)
    }
    const one = await fewest('?limit=1')
    const three = await fewest('?limit=3')
    expect(three).toBe(one)
    expect(three).toBeLessThanOrEqual(2)
  })
})

describe('review JSON-LD over HTTP', () => {
  it('should answer 200 application/ld+json for a published review', async () => {
    const response = await get(`/api/reviews/${published[2].id}/json-ld`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8')
    const data = JSON.parse(response.body) as Record<string, unknown>
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: FALLOUT_TITLE,
      itemReviewed: { '@type': 'MusicAlbum', numTracks: 26, duration: 'PT1H35M45S' },
    })
    expect(data.url).toMatch(new RegExp(`^${SITE}/reviews/`))
  })

  it('should answer 404 JSON for the draft, an unknown id and a malformed id', async () => {
    const [johnWick] = (
      await payload.find({
        collection: 'reviews',
        where: { seriesPart: { equals: 1 } },
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
    ).docs
    for (const id of [johnWick.id, draft, 999999, 'not-an-id']) {
      const response = await get(`/api/reviews/${id}/json-ld`)
      expect(response.status, String(id)).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      const body = JSON.parse(response.body) as { errors: Array<{ message: string }> }
      expect(body.errors).toHaveLength(1)
      expect(response.body).not.toContain(DRAFT_ONLY_MARKER)
      expect(response.body).not.toContain(DRAFT_MARKER)
    }
  })
})
