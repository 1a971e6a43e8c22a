import type { Payload, Where } from 'payload'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { DEMO_SERIES, DRAFT_ONLY_MARKER, seedDemo } from '../cms/seed'
import { startPayload } from './helpers'

const CONTENT = ['films', 'composers', 'tracks', 'reviews'] as const

type Counts = Record<(typeof CONTENT)[number], number>

let payload: Payload

const everything: Where = { id: { exists: true } }

const countContent = async (): Promise<Counts> => {
  const counts = {} as Counts
  for (const collection of CONTENT) {
    counts[collection] = (await payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return counts
}

const EMPTY: Counts = { films: 0, composers: 0, tracks: 0, reviews: 0 }

/** Children before parents: a film with reviews refuses deletion, and tracks must not outlive their film. */
const clearContent = async (): Promise<void> => {
  for (const collection of ['reviews', 'tracks', 'films', 'composers'] as const) {
    await payload.delete({ collection, where: everything, depth: 0, overrideAccess: true })
  }
  expect(await countContent()).toEqual(EMPTY)
}

const findOne = async (collection: 'composers' | 'films', where: Where, depth = 0) => {
  const { docs } = await payload.find({ collection, where, depth, limit: 2, overrideAccess: true })
  expect(docs).toHaveLength(1)
  return docs[0]
}

beforeAll(async () => {
  payload = await startPayload('seed')
})

afterAll(async () => {
  await payload?.destroy()
})

describe('seedDemo on an empty database', () => {
  let result: Awaited<ReturnType<typeof seedDemo>>

  beforeAll(async () => {
    await clearContent()
    result = await seedDemo({ payload })
  })

  afterAll(async () => {
    await clearContent()
  })

  it('should report that it seeded', () => {
    expect(result).toEqual({ seeded: true })
  })

  it('should load Fallout with its 26 tracks and derived runtime', async () => {
    const film = await findOne('films', { title: { equals: 'Mission: Impossible – Fallout' } })
    expect(film).toMatchObject({
      releaseYear: 2018,
      director: 'Christopher McQuarrie',
      trackCount: 26,
      totalRuntimeSeconds: 5745,
      totalRuntime: '1:35:45',
    })
    const { docs: tracks } = await payload.find({
      collection: 'tracks',
      where: { film: { equals: film.id } },
      sort: 'number',
      pagination: false,
      depth: 0,
    })
    expect(tracks).toHaveLength(26)
    expect(tracks[0]).toMatchObject({
      number: 1,
      disc: 1,
      title: 'A Storm Is Coming',
      duration: '1:12',
      durationSeconds: 72,
    })
    expect(tracks[2].title).toBe('Should You Choose to Accept…')
    expect(tracks[25]).toMatchObject({ number: 26, title: 'Mission: Accomplished', duration: '1:15' })
  })

  it('should link Lorne Balfe to Remote Control Productions, Hans Zimmer and Fallout', async () => {
    const zimmer = await findOne('composers', { name: { equals: 'Hans Zimmer' } })
    const balfe = await findOne('composers', { name: { equals: 'Lorne Balfe' } }, 1)
    const fallout = await findOne('films', { title: { equals: 'Mission: Impossible – Fallout' } })
    expect(balfe.affiliations).toEqual(['Remote Control Productions'])
    expect((balfe.influencedBy as { id: unknown }[]).map((composer) => composer.id)).toEqual([zimmer.id])
    const films = (balfe.films as { docs: { id: unknown; title: string }[] }).docs
    expect(films.map((doc) => doc.id)).toEqual([fallout.id])
    expect(fallout.composers).toEqual([balfe.id])
  })

  it('should publish the Fallout review as part 2, after the John Wick weeks, with no rating', async () => {
    const fallout = await findOne('films', { title: { equals: 'Mission: Impossible – Fallout' } })
    const johnWick = await findOne('films', { title: { equals: 'John Wick' } })
    const { docs } = await payload.find({
      collection: 'reviews',
      where: { film: { equals: fallout.id } },
      depth: 0,
      overrideAccess: false,
    })
    expect(docs).toHaveLength(1)
    const [review] = docs
    const { docs: earlier } = await payload.find({
      collection: 'reviews',
      where: { film: { equals: johnWick.id } },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(review).toMatchObject({
      _status: 'published',
      series: DEMO_SERIES,
      seriesPart: 2,
      relatedReviews: [earlier[0].id],
      trackCount: 26,
      totalRuntime: '1:35:45',
    })
    expect(review.rating ?? null).toBeNull()
    expect(review.highlights ?? []).toEqual([])
    expect(review.author ?? null).toBeNull()
    expect(new Date(review.publishedAt as string).toISOString()).toBe('2018-08-03T09:00:00.000Z')
    for (const field of ['plotRecap', 'analysis', 'finalThoughts'] as const) {
      expect((review[field] as { root: { type: string; children: unknown[] } }).root).toMatchObject({ type: 'root' })
      expect((review[field] as { root: { children: unknown[] } }).root.children.length).toBeGreaterThan(0)
    }
    const recap = JSON.stringify(review.plotRecap)
    for (const fact of ['Impossible Mission Force', 'CIA assassin', 'August Walker', 'nuclear', 'against the clock']) {
      expect(recap).toContain(fact)
    }
    // The weekly sign-off is the site's, not the review's (see README, "The demo column").
    expect(JSON.stringify(review)).not.toMatch(/next week/i)
  })

  it("should give Fallout the column's six moments, with a timecode or track only where the column names one", async () => {
    const fallout = await findOne('films', { title: { equals: 'Mission: Impossible – Fallout' } })
    const { docs } = await payload.find({
      collection: 'reviews',
      where: { film: { equals: fallout.id } },
      depth: 1,
      overrideAccess: false,
    })
    const cues = (
      docs[0].cues as {
        label: string
        filmTimecode?: null | string
        filmTimeSeconds?: null | number
        track?: { title: string; number: number } | null
        instrumentation?: string[] | null
        note: string
      }[]
    ).map((cue) => ({
      label: cue.label,
      filmTimecode: cue.filmTimecode ?? null,
      filmTimeSeconds: cue.filmTimeSeconds ?? null,
      track: cue.track ? `${cue.track.number}. ${cue.track.title}` : null,
      instrumentation: cue.instrumentation ?? [],
    }))
    expect(cues).toEqual([
      {
        label: 'Production credits',
        filmTimecode: '0:00',
        filmTimeSeconds: 0,
        track: null,
        instrumentation: ['percussion'],
      },
      {
        label: 'Ethan’s wedding, a dream turned nightmare',
        filmTimecode: null,
        filmTimeSeconds: null,
        track: null,
        instrumentation: ['strings'],
      },
      {
        label: 'Hunt receives his mission',
        filmTimecode: null,
        filmTimeSeconds: null,
        track: null,
        instrumentation: ['strings'],
      },
      {
        label: 'Opening credits and the theme',
        filmTimecode: '15:00',
        filmTimeSeconds: 900,
        track: null,
        instrumentation: [],
      },
      {
        label: 'Skydive into Paris',
        filmTimecode: null,
        filmTimeSeconds: null,
        track: null,
        instrumentation: ['horns', 'strings'],
      },
      {
        label: 'The Exchange',
        filmTimecode: null,
        filmTimeSeconds: null,
        track: '14. The Exchange',
        instrumentation: ['horns', 'strings'],
      },
    ])
    for (const cue of docs[0].cues as { note: string }[]) {
      expect(cue.note.length).toBeGreaterThan(40)
    }
  })

  it('should keep the John Wick weeks a draft with no tracks, part 1 of the series, that the public cannot see', async () => {
    const johnWick = await findOne('films', { title: { equals: 'John Wick' } }, 1)
    expect(johnWick).toMatchObject({
      releaseYear: 2014,
      director: 'Chad Stahelski',
      trackCount: 0,
      totalRuntime: '0:00',
    })
    expect((johnWick.composers as { name: string }[]).map((composer) => composer.name)).toEqual([
      'Tyler Bates',
      'Joel J. Richard',
    ])
    const { totalDocs: tracks } = await payload.count({
      collection: 'tracks',
      where: { film: { equals: johnWick.id } },
    })
    expect(tracks).toBe(0)

    const { docs: staffView } = await payload.find({
      collection: 'reviews',
      where: { film: { equals: johnWick.id } },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(staffView).toHaveLength(1)
    const [draft] = staffView
    expect(draft).toMatchObject({ _status: 'draft', series: DEMO_SERIES, seriesPart: 1, relatedReviews: [], cues: [] })
    expect(draft.excerpt).toContain(DRAFT_ONLY_MARKER)
    expect(JSON.stringify(draft.plotRecap)).toContain(DRAFT_ONLY_MARKER)
    expect(JSON.stringify(draft.analysis)).toContain(DRAFT_ONLY_MARKER)

    const publicView = await payload.find({ collection: 'reviews', depth: 1, draft: true, overrideAccess: false })
    expect(publicView.docs.map((review) => review.seriesPart)).toEqual([2])
    expect(JSON.stringify(publicView)).not.toContain(DRAFT_ONLY_MARKER)
  })

  it('should change nothing when run a second time', async () => {
    const before = await countContent()
    expect(before).toEqual({ films: 2, composers: 4, tracks: 26, reviews: 2 })
    const again = await seedDemo({ payload })
    expect(again.seeded).toBe(false)
    expect(again.reason).toMatch(/already has content/)
    expect(await countContent()).toEqual(before)
  })
})

describe('seedDemo on a database with content', () => {
  it('should not seed a database that holds one unrelated film', async () => {
    await clearContent()
    const film = await payload.create({ collection: 'films', data: { title: 'Jaws', releaseYear: 1975 }, depth: 0 })
    try {
      const result = await seedDemo({ payload })
      expect(result.seeded).toBe(false)
      expect(result.reason).toContain('films: 1')
      expect(await countContent()).toEqual({ ...EMPTY, films: 1 })
    } finally {
      await payload.delete({ collection: 'films', id: film.id, depth: 0, overrideAccess: true })
    }
  })

  it('should leave the database empty when a write fails halfway', async ({ skip }) => {
    if (!payload.db.beginTransaction) {
      skip('this database runs without transactions')
    }
    await clearContent()
    const create = payload.create.bind(payload)
    const failOnDraft = vi.spyOn(payload, 'create').mockImplementation((async (
      options: Parameters<Payload['create']>[0],
    ) => {
      if (options.collection === 'reviews' && options.draft) {
        throw new Error('simulated failure while writing the draft review')
      }
      return create(options)
    }) as Payload['create'])
    try {
      await expect(seedDemo({ payload })).rejects.toThrow('simulated failure')
    } finally {
      failOnDraft.mockRestore()
    }
    expect(await countContent()).toEqual(EMPTY)
  })
})
