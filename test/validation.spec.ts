import type { CollectionSlug, Payload } from 'payload'

import type { TestUser } from './helpers'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { countDocs, createUser, expectValidationError, startPayload, uniqueSuffix, uniqueTitle } from './helpers'

let payload: Payload
let editor: TestUser

beforeAll(async () => {
  payload = await startPayload('validation')
  await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
})

afterAll(async () => {
  await payload?.destroy()
})

type FilmID = number | string

type TrackInput = { number: number; disc?: number; title?: string; duration?: string; durationSeconds?: number }

const createFilm = async (label = 'Film') =>
  payload.create({ collection: 'films', data: { title: uniqueTitle(label) }, depth: 0 })

const createTrack = async (film: FilmID, data: TrackInput) =>
  payload.create({
    collection: 'tracks',
    data: { film, title: uniqueTitle('Track'), durationSeconds: 60, ...data } as never,
    depth: 0,
  })

const filmState = async (film: FilmID) => {
  const doc = await payload.findByID({ collection: 'films', id: film, depth: 0 })
  return { trackCount: doc.trackCount, totalRuntimeSeconds: doc.totalRuntimeSeconds, totalRuntime: doc.totalRuntime }
}

/** Counts documents (and review versions) before and after `refused`, which must change nothing. */
const expectNothingWritten = async <T>(collection: CollectionSlug, refused: () => Promise<T>): Promise<T> => {
  const versions = async () =>
    collection === 'reviews'
      ? (await payload.countVersions({ collection: 'reviews', overrideAccess: true })).totalDocs
      : 0
  const before = { docs: await countDocs(payload, collection), versions: await versions() }
  const result = await refused()
  expect({ docs: await countDocs(payload, collection), versions: await versions() }).toEqual(before)
  return result
}

describe('track durations', () => {
  it.each([
    { duration: '1:75', says: '1:75' },
    { duration: '-5', says: '-5' },
    { duration: 'abc', says: 'abc' },
    { duration: '0:00', says: '0:01' },
  ])('should refuse the duration $duration with a message on the duration field', async ({ duration, says }) => {
    const film = await createFilm()
    await createTrack(film.id, { number: 1, duration: '2:00' })
    const before = await filmState(film.id)

    const error = await expectNothingWritten('tracks', () =>
      expectValidationError(
        () => createTrack(film.id, { number: 2, duration, durationSeconds: undefined }),
        /^duration(Seconds)?$/,
      ),
    )
    expect(error.message).toMatch(/duration/i)
    expect(error.message).toContain(says)
    expect(error.message.length).toBeGreaterThan(says.length + 15)
    expect(await filmState(film.id)).toEqual(before)
  })

  it.each([-5, 0, 86_400, 12.5])(
    'should refuse durationSeconds %s with a message on durationSeconds',
    async (seconds) => {
      const film = await createFilm()
      const error = await expectNothingWritten('tracks', () =>
        expectValidationError(() => createTrack(film.id, { number: 1, durationSeconds: seconds }), 'durationSeconds'),
      )
      expect(error.message).toMatch(/duration/i)
      expect(error.message).toContain(String(seconds))
    },
  )

  it('should refuse a track without any duration, saying how to type one', async () => {
    const film = await createFilm()
    const error = await expectNothingWritten('tracks', () =>
      expectValidationError(
        () => createTrack(film.id, { number: 1, duration: undefined, durationSeconds: undefined }),
        /^duration(Seconds)?$/,
      ),
    )
    expect(error.message).toMatch(/required/i)
  })

  it('should accept h:mm:ss and store both forms', async () => {
    const film = await createFilm()
    const track = await createTrack(film.id, { number: 1, duration: '1:02:03', durationSeconds: undefined })
    expect([track.duration, track.durationSeconds]).toEqual(['1:02:03', 3723])
    expect(await filmState(film.id)).toEqual({ trackCount: 1, totalRuntimeSeconds: 3723, totalRuntime: '1:02:03' })
  })

  it('should refuse a bad duration on update and keep the stored one', async () => {
    const film = await createFilm()
    const track = await createTrack(film.id, { number: 1, duration: '4:19', durationSeconds: undefined })
    await expectValidationError(
      () => payload.update({ collection: 'tracks', id: track.id, data: { duration: '4:75' }, depth: 0 }),
      /^duration(Seconds)?$/,
    )
    const stored = await payload.findByID({ collection: 'tracks', id: track.id, depth: 0 })
    expect([stored.duration, stored.durationSeconds]).toEqual(['4:19', 259])
    expect(await filmState(film.id)).toEqual({ trackCount: 1, totalRuntimeSeconds: 259, totalRuntime: '4:19' })
  })
})

describe('track numbers', () => {
  it('should refuse a second track with the same number on the same film and disc', async () => {
    const film = await createFilm()
    const first = await createTrack(film.id, { number: 4 })
    const before = await filmState(film.id)

    const error = await expectNothingWritten('tracks', () =>
      expectValidationError(() => createTrack(film.id, { number: 4 }), 'number'),
    )
    expect(error.message).toContain('4')
    expect(error.message).toContain(first.title)
    expect(await filmState(film.id)).toEqual(before)
  })

  it('should accept the same number on another disc and on another film', async () => {
    const film = await createFilm()
    const other = await createFilm('Other')
    await createTrack(film.id, { number: 1 })
    const discTwo = await createTrack(film.id, { number: 1, disc: 2 })
    const otherFilm = await createTrack(other.id, { number: 1 })
    expect([discTwo.disc, discTwo.number]).toEqual([2, 1])
    expect([otherFilm.disc, otherFilm.number]).toEqual([1, 1])
    expect((await filmState(film.id)).trackCount).toBe(2)
    expect((await filmState(other.id)).trackCount).toBe(1)
  })

  it('should refuse an update that moves a track onto a taken number', async () => {
    const film = await createFilm()
    await createTrack(film.id, { number: 1 })
    const second = await createTrack(film.id, { number: 2 })
    await expectValidationError(
      () => payload.update({ collection: 'tracks', id: second.id, data: { number: 1 }, depth: 0 }),
      'number',
    )
    expect((await payload.findByID({ collection: 'tracks', id: second.id, depth: 0 })).number).toBe(2)
  })

  it('should refuse moving a track to a film where its number is taken', async () => {
    const film = await createFilm()
    const other = await createFilm('Other')
    const moving = await createTrack(film.id, { number: 3 })
    await createTrack(other.id, { number: 3 })
    await expectValidationError(
      () => payload.update({ collection: 'tracks', id: moving.id, data: { film: other.id }, depth: 0 }),
      'number',
    )
    expect((await filmState(film.id)).trackCount).toBe(1)
    expect((await filmState(other.id)).trackCount).toBe(1)
  })
})

describe('review cues and highlights', () => {
  const setup = async () => {
    const film = await createFilm()
    const other = await createFilm('Other')
    const own = await createTrack(film.id, { number: 1 })
    const foreign = await createTrack(other.id, { number: 1 })
    return { film, own, foreign }
  }

  it("should accept cues and highlights from the review's own film", async () => {
    const { film, own } = await setup()
    const review = await payload.create({
      collection: 'reviews',
      data: {
        title: uniqueTitle('Review'),
        film: film.id,
        cues: [{ label: 'Opening', filmTimecode: '15:00', track: own.id }],
        highlights: [own.id],
      },
      depth: 0,
    })
    expect(review.cues?.[0]?.track).toBe(own.id)
    expect(review.cues?.[0]?.filmTimeSeconds).toBe(900)
    expect(review.highlights).toEqual([own.id])
  })

  it("should refuse a cue track from another film with the cue's path", async () => {
    const { film, foreign } = await setup()
    const error = await expectNothingWritten('reviews', () =>
      expectValidationError(
        () =>
          payload.create({
            collection: 'reviews',
            data: { title: uniqueTitle('Review'), film: film.id, cues: [{ label: 'Wrong film', track: foreign.id }] },
            depth: 0,
          }),
        /^cues\.0\.track$/,
      ),
    )
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('should refuse a highlight from another film with the path highlights', async () => {
    const { film, own, foreign } = await setup()
    await expectNothingWritten('reviews', () =>
      expectValidationError(
        () =>
          payload.create({
            collection: 'reviews',
            data: { title: uniqueTitle('Review'), film: film.id, highlights: [own.id, foreign.id] },
            depth: 0,
          }),
        /^highlights/,
      ),
    )
  })

  it("should refuse another film's tracks in an editor's draft too", async () => {
    const { film, foreign } = await setup()
    await expectNothingWritten('reviews', () =>
      expectValidationError(
        () =>
          payload.create({
            collection: 'reviews',
            data: { title: uniqueTitle('Draft'), film: film.id, highlights: [foreign.id] },
            draft: true,
            user: editor,
            overrideAccess: false,
            depth: 0,
          }),
        /^highlights/,
      ),
    )
  })

  it('should refuse a highlight that no longer fits after the review moves to another film', async () => {
    const { film, own } = await setup()
    const elsewhere = await createFilm('Elsewhere')
    const review = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Review'), film: film.id, highlights: [own.id] },
      depth: 0,
    })
    await expectValidationError(
      () => payload.update({ collection: 'reviews', id: review.id, data: { film: elsewhere.id }, depth: 0 }),
      /^highlights/,
    )
    const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0 })
    expect(stored.film).toBe(film.id)
  })
})

describe('review ratings', () => {
  const createReview = (rating: null | number, options: { draft?: boolean } = {}) =>
    payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Rated'), film: filmForRatings, rating } as never,
      depth: 0,
      ...(options.draft ? { draft: true, user: editor, overrideAccess: false } : {}),
    })

  let filmForRatings: FilmID

  beforeAll(async () => {
    filmForRatings = (await createFilm('Rated film')).id
  })

  it.each([10.5, -1, 7.3])('should refuse the rating %s with a message on rating', async (rating) => {
    const error = await expectNothingWritten('reviews', () =>
      expectValidationError(() => createReview(rating), 'rating'),
    )
    expect(error.message).toMatch(/rating/i)
    expect(error.message).toContain(String(rating))
  })

  it.each([10.5, -1, 7.3])("should refuse the rating %s in an editor's draft too", async (rating) => {
    await expectNothingWritten('reviews', () =>
      expectValidationError(() => createReview(rating, { draft: true }), 'rating'),
    )
  })

  it.each([0, 7.5, 10])('should accept the rating %s', async (rating) => {
    const review = await createReview(rating)
    expect(review.rating).toBe(rating)
  })

  it('should accept no rating (null) and keep it empty rather than 0', async () => {
    const review = await createReview(null)
    const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0 })
    expect(stored.rating ?? null).toBeNull()
  })
})

describe('slugs', () => {
  it('should make the slug from the title', async () => {
    const suffix = uniqueSuffix()
    const film = await payload.create({
      collection: 'films',
      data: { title: `Mission: Impossible – Fallout ${suffix}` },
      depth: 0,
    })
    expect(film.slug).toBe(`mission-impossible-fallout-${suffix}`)
    const composer = await payload.create({
      collection: 'composers',
      data: { name: `Lorne Balfe ${suffix}` },
      depth: 0,
    })
    expect(composer.slug).toBe(`lorne-balfe-${suffix}`)
    const review = await payload.create({
      collection: 'reviews',
      data: { title: `Fallout & the Storm ${suffix}`, film: film.id },
      depth: 0,
    })
    expect(review.slug).toBe(`fallout-and-the-storm-${suffix}`)
  })

  it('should tidy a typed slug and keep it when the title changes', async () => {
    const suffix = uniqueSuffix()
    const film = await payload.create({
      collection: 'films',
      data: { title: uniqueTitle('Film'), slug: `My Typed Slug ${suffix}` },
      depth: 0,
    })
    expect(film.slug).toBe(`my-typed-slug-${suffix}`)
    const renamed = await payload.update({
      collection: 'films',
      id: film.id,
      data: { title: uniqueTitle('Renamed') },
      depth: 0,
    })
    expect(renamed.slug).toBe(film.slug)
  })

  it.each(['films', 'composers', 'reviews'] as const)(
    'should refuse a typed slug that is taken on %s with the path slug',
    async (collection) => {
      const title = uniqueTitle('Same title')
      const film = await createFilm()
      const data =
        collection === 'composers'
          ? { name: title, slug: title }
          : collection === 'reviews'
            ? { title, film: film.id, slug: title }
            : { title, slug: title }
      const first = await payload.create({ collection, data: data as never, depth: 0 })
      expect(first.slug).toBeTruthy()

      const error = await expectNothingWritten(collection, () =>
        expectValidationError(() => payload.create({ collection, data: data as never, depth: 0 }), 'slug'),
      )
      expect(error.message.length).toBeGreaterThan(0)
    },
  )

  it('should refuse an update onto a taken slug and keep the old one', async () => {
    const taken = await createFilm('Taken')
    const film = await createFilm('Mine')
    await expectValidationError(
      () => payload.update({ collection: 'films', id: film.id, data: { slug: taken.slug }, depth: 0 }),
      'slug',
    )
    expect((await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).slug).toBe(film.slug)
  })
})
