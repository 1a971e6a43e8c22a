import type { Payload, PayloadRequest } from 'payload'

import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DRAFT_ONLY_MARKER, seedDemo } from '../cms/seed'
import { reviewJsonLdEndpoint } from '../src/endpoints/reviewJsonLd'
import { buildReviewJsonLd } from '../src/jsonLd/buildReviewJsonLd'
import { loadReviewJsonLd } from '../src/jsonLd/loadReviewJsonLd'
import { serializeJsonLd } from '../src/jsonLd/serializeJsonLd'
import { resolveOptions } from '../src/options'
import { createUser, startPayload, uniqueTitle, withQueryCount } from './helpers'

// JSON-LD is walked freely by the snippet checks below, as Google's validator walks it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonObject = Record<string, any>

const SITE = 'https://soundtracks.example'
const options = resolveOptions({ siteUrl: SITE, publisher: { name: 'Exploring Soundtracks', url: SITE } })

let payload: Payload
let admin: TestUser
let editor: TestUser
let falloutReview: ID
let johnWickDraft: ID
let balfe: ID

const anonymousReq = (): Promise<PayloadRequest> => createLocalReq({}, payload)

const load = async (id: ID, user?: TestUser): Promise<JsonObject | null> =>
  (await loadReviewJsonLd({
    req: await createLocalReq(user ? { user: user as never } : {}, payload),
    id,
    options,
  })) as JsonObject | null

/** Calls the endpoint's handler as Payload's router would, with `:id` filled in. */
const callEndpoint = async (id: string): Promise<Response> => {
  const req = await anonymousReq()
  req.routeParams = { id }
  return reviewJsonLdEndpoint(options).handler(req)
}

/** Google's review-snippet item types (and the subtypes we use): https://developers.google.com/search/docs/appearance/structured-data/review-snippet */
const GOOGLE_ITEM_TYPES = new Set([
  'Book',
  'Course',
  'CreativeWorkSeason',
  'CreativeWorkSeries',
  'Episode',
  'Event',
  'Game',
  'HowTo',
  'LocalBusiness',
  'MediaObject',
  'Movie',
  'MusicPlaylist',
  'MusicAlbum',
  'MusicRecording',
  'Organization',
  'Product',
  'Recipe',
  'SoftwareApplication',
])

const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== ''

/** The properties Google requires of a Review snippet; returns what is missing or wrong. */
const reviewSnippetProblems = (data: JsonObject, { isRated }: { isRated: boolean }): string[] => {
  const problems: string[] = []
  if (data['@context'] !== 'https://schema.org') problems.push('@context must be https://schema.org')
  if (data['@type'] !== 'Review') problems.push('@type must be Review')
  const item = data.itemReviewed
  if (!item || typeof item !== 'object') {
    problems.push('itemReviewed is required')
  } else {
    if (!GOOGLE_ITEM_TYPES.has(item['@type']))
      problems.push(`itemReviewed @type ${item['@type']} is not a supported type`)
    if (!hasText(item.name)) problems.push('itemReviewed.name is required')
  }
  const authors = Array.isArray(data.author) ? data.author : data.author ? [data.author] : []
  if (authors.length === 0) problems.push('author is required')
  for (const author of authors) {
    if (!['Person', 'Organization'].includes(author?.['@type']))
      problems.push('author must be a Person or Organization')
    if (!hasText(author?.name) || String(author.name).length >= 100)
      problems.push('author.name is required (under 100 characters)')
    if (/@/.test(String(author?.name))) problems.push('author.name must be a name, not an e-mail')
  }
  if (isRated) {
    const rating = data.reviewRating
    if (!rating || typeof rating !== 'object') {
      problems.push('reviewRating is required for a rated review')
    } else {
      const value = Number(rating.ratingValue)
      const best = rating.bestRating === undefined ? 5 : Number(rating.bestRating)
      const worst = rating.worstRating === undefined ? 1 : Number(rating.worstRating)
      if (rating['@type'] !== 'Rating') problems.push('reviewRating @type must be Rating')
      if (!Number.isFinite(value)) problems.push('reviewRating.ratingValue is required')
      if (value < worst || value > best) problems.push(`reviewRating.ratingValue ${value} is outside ${worst}…${best}`)
    }
  }
  return problems
}

const createFilmWithTracks = async (trackCount: number): Promise<{ film: ID; tracks: ID[] }> => {
  const { id: film } = await payload.create({
    collection: 'films',
    data: { title: uniqueTitle('JSON-LD film'), releaseYear: 2020, director: 'Some Director', composers: [balfe] },
    depth: 0,
    overrideAccess: true,
  })
  const tracks: ID[] = []
  for (let number = 1; number <= trackCount; number++) {
    const { id } = await payload.create({
      collection: 'tracks',
      data: { film, number, title: `Cue ${number}`, durationSeconds: 60 + number },
      depth: 0,
      overrideAccess: true,
    })
    tracks.push(id)
  }
  return { film, tracks }
}

const createPublishedReview = async (film: ID, data: Record<string, unknown> = {}): Promise<ID> =>
  (
    await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('JSON-LD review'), film, excerpt: 'A short excerpt.', _status: 'published', ...data },
      depth: 0,
      overrideAccess: true,
    })
  ).id

const deleteFilmAndReviews = async (film: ID): Promise<void> => {
  await payload.delete({ collection: 'reviews', where: { film: { equals: film } }, depth: 0, overrideAccess: true })
  await payload.delete({ collection: 'films', id: film, depth: 0, overrideAccess: true })
}

beforeAll(async () => {
  payload = await startPayload('jsonld')
  expect(await seedDemo({ payload })).toEqual({ seeded: true })
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  const [published] = (
    await payload.find({ collection: 'reviews', where: { seriesPart: { equals: 2 } }, depth: 0, overrideAccess: true })
  ).docs
  const [draft] = (
    await payload.find({
      collection: 'reviews',
      where: { seriesPart: { equals: 1 } },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
  ).docs
  const [composer] = (
    await payload.find({
      collection: 'composers',
      where: { name: { equals: 'Lorne Balfe' } },
      depth: 0,
      overrideAccess: true,
    })
  ).docs
  falloutReview = published.id
  johnWickDraft = draft.id
  balfe = composer.id
})

afterAll(async () => {
  await payload?.destroy()
})

describe('buildReviewJsonLd for the seeded Fallout review', () => {
  let data: JsonObject

  beforeAll(async () => {
    data = (await load(falloutReview)) as JsonObject
  })

  it('should describe a published Review with its URL, date and publisher', () => {
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Exploring Soundtracks: Mission: Impossible – Fallout',
      url: `${SITE}/reviews/exploring-soundtracks-mission-impossible-fallout`,
      datePublished: '2018-08-03T09:00:00.000Z',
      publisher: { '@type': 'Organization', name: 'Exploring Soundtracks', url: SITE },
    })
    expect(data.description).toMatch(/^After three weeks of John Wick/)
  })

  it('should review a SoundtrackAlbum of 26 tracks lasting PT1H35M45S, in album order', () => {
    const album = data.itemReviewed
    expect(album).toMatchObject({
      '@type': 'MusicAlbum',
      name: 'Mission: Impossible – Fallout (Original Motion Picture Soundtrack)',
      albumProductionType: 'https://schema.org/SoundtrackAlbum',
      numTracks: 26,
      duration: 'PT1H35M45S',
      track: { '@type': 'ItemList', numberOfItems: 26 },
    })
    const items = album.track.itemListElement as JsonObject[]
    expect(items).toHaveLength(26)
    expect(items[0]).toEqual({
      '@type': 'ListItem',
      position: 1,
      item: { '@type': 'MusicRecording', name: 'A Storm Is Coming', duration: 'PT1M12S', position: 1 },
    })
    expect(items[2].item.name).toBe('Should You Choose to Accept…')
    expect(items[25]).toMatchObject({
      position: 26,
      item: { name: 'Mission: Accomplished', duration: 'PT1M15S', position: 26 },
    })
    expect(items.map((entry) => entry.position)).toEqual(Array.from({ length: 26 }, (_, index) => index + 1))
  })

  it('should name the Movie, its year, director and Lorne Balfe of Remote Control Productions', () => {
    const lorneBalfe = {
      '@type': 'Person',
      name: 'Lorne Balfe',
      affiliation: [{ '@type': 'Organization', name: 'Remote Control Productions' }],
    }
    expect(data.itemReviewed.byArtist).toEqual([lorneBalfe])
    expect(data.itemReviewed.about).toEqual({
      '@type': 'Movie',
      name: 'Mission: Impossible – Fallout',
      datePublished: '2018',
      director: { '@type': 'Person', name: 'Christopher McQuarrie' },
      musicBy: [lorneBalfe],
    })
  })

  it('should give no reviewRating, as the column gives no rating', () => {
    expect('reviewRating' in data).toBe(false)
  })

  it('should have every property Google requires of a Review snippet', () => {
    expect(reviewSnippetProblems(data, { isRated: false })).toEqual([])
    expect(data.author).toEqual({ '@type': 'Organization', name: 'Exploring Soundtracks', url: SITE })
  })

  it('should serialize to JSON without losing anything', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
  })
})

describe('loadReviewJsonLd', () => {
  it('should leave out reviewRating entirely for an unrated review and never show the author e-mail', async () => {
    const { film } = await createFilmWithTracks(3)
    try {
      const review = await createPublishedReview(film, { author: admin.id })
      const data = (await load(review)) as JsonObject
      expect(data).not.toBeNull()
      expect(Object.keys(data)).not.toContain('reviewRating')
      expect(reviewSnippetProblems(data, { isRated: false })).toEqual([])
      expect(data.author).toEqual({ '@type': 'Organization', name: 'Exploring Soundtracks', url: SITE })
      expect(JSON.stringify(data)).not.toContain(admin.email)
      expect(data.itemReviewed).toMatchObject({ numTracks: 3, duration: 'PT3M6S' })
    } finally {
      await deleteFilmAndReviews(film)
    }
  })

  it('should return null for the John Wick draft, for anyone and for editors too', async () => {
    expect(await load(johnWickDraft)).toBeNull()
    expect(await load(johnWickDraft, editor)).toBeNull()
    expect(await load(johnWickDraft, admin)).toBeNull()
  })

  it('should return null for unknown and malformed ids', async () => {
    for (const id of ['999999', 'not-an-id', '', '1.5', '-1', "1' OR '1'='1"]) {
      expect(await load(id), id).toBeNull()
    }
  })

  it('should show the published version of a review that has a newer draft', async () => {
    const { film } = await createFilmWithTracks(1)
    try {
      const review = await createPublishedReview(film, { rating: 6 })
      const published = (await load(review)) as JsonObject
      await payload.update({
        collection: 'reviews',
        id: review,
        draft: true,
        data: { title: `Retitled ${DRAFT_ONLY_MARKER}`, excerpt: DRAFT_ONLY_MARKER, rating: 2 },
        depth: 0,
        overrideAccess: true,
      })
      const after = (await load(review)) as JsonObject
      expect(JSON.stringify(after)).not.toContain(DRAFT_ONLY_MARKER)
      expect(after.name).toBe(published.name)
      expect(after.reviewRating.ratingValue).toBe(6)
    } finally {
      await deleteFilmAndReviews(film)
    }
  })

  it('should use the same number of queries for 26 tracks as for 5', async () => {
    const { film } = await createFilmWithTracks(5)
    try {
      const review = await createPublishedReview(film, { rating: 7 })
      const small = await withQueryCount(payload, () => load(review))
      const large = await withQueryCount(payload, () => load(falloutReview))
      expect((small.result as JsonObject).itemReviewed.numTracks).toBe(5)
      expect((large.result as JsonObject).itemReviewed.numTracks).toBe(26)
      expect(large.count).toBe(small.count)
      // The review, its film, the film's tracks and their composers.
      expect(large.calls.map((call) => call.collection)).toEqual(['reviews', 'films', 'tracks', 'composers'])
    } finally {
      await deleteFilmAndReviews(film)
    }
  })
})

describe('reviewJsonLdEndpoint', () => {
  it('should answer 200 application/ld+json for the published review', async () => {
    const response = await callEndpoint(String(falloutReview))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8')
    const body = (await response.json()) as JsonObject
    expect(body).toEqual(await load(falloutReview))
  })

  it('should answer 404 with an error message for the draft, unknown and malformed ids', async () => {
    for (const id of [String(johnWickDraft), '999999', 'nope']) {
      const response = await callEndpoint(id)
      expect(response.status, id).toBe(404)
      const body = (await response.json()) as { errors: Array<{ message: string }> }
      expect(body.errors[0].message).toMatch(/no published review/)
      expect(JSON.stringify(body)).not.toContain(DRAFT_ONLY_MARKER)
    }
  })
})

describe('buildReviewJsonLd on its own', () => {
  const build = (overrides: Partial<Parameters<typeof buildReviewJsonLd>[0]> = {}): JsonObject =>
    buildReviewJsonLd({
      review: { id: 7, title: 'A review', slug: 'a-review' },
      film: { title: 'A film', composers: [1] },
      tracks: [],
      composers: [{ id: 1, name: 'A Composer', affiliations: [] }],
      options,
      ...overrides,
    }) as JsonObject

  it('should keep a rating of 0, which is a rating, and leave out null', () => {
    expect(build({ review: { id: 7, title: 'Zero', rating: 0 } }).reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 0,
      bestRating: 10,
      worstRating: 0,
    })
    expect('reviewRating' in build({ review: { id: 7, title: 'Unrated', rating: null } })).toBe(false)
  })

  it('should name a Person author only when there is a name', () => {
    expect(build({ authorName: 'Ann Critic' }).author).toEqual({ '@type': 'Person', name: 'Ann Critic' })
    expect(build({ authorName: '  ' }).author).toEqual({
      '@type': 'Organization',
      name: 'Exploring Soundtracks',
      url: SITE,
    })
  })

  it('should leave out what the film does not have', () => {
    const album = build().itemReviewed
    expect(album).toEqual({
      '@type': 'MusicAlbum',
      name: 'A film (Original Motion Picture Soundtrack)',
      albumProductionType: 'https://schema.org/SoundtrackAlbum',
      numTracks: 0,
      byArtist: [{ '@type': 'Person', name: 'A Composer' }],
      about: { '@type': 'Movie', name: 'A film', musicBy: [{ '@type': 'Person', name: 'A Composer' }] },
    })
  })

  it('should number a multi-disc album through and keep disc-track positions on the recordings', () => {
    const track = build({
      tracks: [
        { title: 'One', disc: 1, number: 1, durationSeconds: 3600 },
        { title: 'Two', disc: 2, number: 1, durationSeconds: 59, composers: [2] },
      ],
      composers: [
        { id: 1, name: 'A Composer' },
        { id: 2, name: 'Guest Composer', affiliations: ['A Studio'] },
      ],
    }).itemReviewed
    expect(
      track.track.itemListElement.map((entry: JsonObject) => [
        entry.position,
        entry.item.position,
        entry.item.duration,
      ]),
    ).toEqual([
      [1, '1-1', 'PT1H'],
      [2, '2-1', 'PT59S'],
    ])
    expect(track.byArtist.map((artist: JsonObject) => artist.name)).toEqual(['A Composer', 'Guest Composer'])
    expect(track.about.musicBy.map((artist: JsonObject) => artist.name)).toEqual(['A Composer'])
  })

  it('should serialize for a script tag without letting a title close it', () => {
    const data = build({ review: { id: 7, title: '</script><script>alert("x")</script> & more', slug: 'x' } })
    const serialized = serializeJsonLd(data)
    expect(serialized).not.toMatch(/[<>&]/)
    expect(JSON.parse(serialized)).toEqual(data)
  })
})
