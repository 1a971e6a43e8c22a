import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { countDocs, expectAPIError, recordQueries, startPayload, uniqueTitle, withQueryCount } from './helpers'

let payload: Payload

beforeAll(async () => {
  payload = await startPayload('runtime')
})

afterAll(async () => {
  await payload?.destroy()
})

type FilmID = number | string

type TrackInput = { number: number; disc?: number; title?: string; duration?: string; durationSeconds?: number }

type Runtime = { trackCount: number; totalRuntimeSeconds: number; totalRuntime: string }

const createFilm = async (label = 'Film') =>
  payload.create({ collection: 'films', data: { title: uniqueTitle(label) }, depth: 0 })

const createTrack = async (film: FilmID, data: TrackInput) =>
  payload.create({
    collection: 'tracks',
    data: { film, title: uniqueTitle('Track'), ...data } as never,
    depth: 0,
  })

const createReview = async (film: FilmID) =>
  payload.create({ collection: 'reviews', data: { title: uniqueTitle('Review'), film }, depth: 0 })

const storedRuntime = async (film: FilmID): Promise<Runtime> => {
  const doc = await payload.findByID({ collection: 'films', id: film, depth: 0 })
  return {
    trackCount: doc.trackCount as number,
    totalRuntimeSeconds: doc.totalRuntimeSeconds as number,
    totalRuntime: doc.totalRuntime as string,
  }
}

/** What the film's tracks in the database add up to, independent of the hooks. */
const sumOfTracks = async (film: FilmID): Promise<{ trackCount: number; totalRuntimeSeconds: number }> => {
  const { docs } = await payload.find({
    collection: 'tracks',
    where: { film: { equals: film } },
    pagination: false,
    depth: 0,
  })
  return {
    trackCount: docs.length,
    totalRuntimeSeconds: docs.reduce((sum, track) => sum + (track.durationSeconds ?? 0), 0),
  }
}

/**
 * The film holds `expected`, which matches its tracks in the database, and every review of the film
 * (virtual fields) shows the same values at depth 0 and 1.
 */
const expectRuntime = async (film: FilmID, expected: Runtime): Promise<void> => {
  expect(await storedRuntime(film)).toEqual(expected)
  const fromTracks = await sumOfTracks(film)
  expect(fromTracks).toEqual({ trackCount: expected.trackCount, totalRuntimeSeconds: expected.totalRuntimeSeconds })
  const { docs: reviews } = await payload.find({
    collection: 'reviews',
    where: { film: { equals: film } },
    pagination: false,
    depth: 0,
    draft: true,
  })
  for (const review of reviews) {
    for (const depth of [0, 1]) {
      const read = await payload.findByID({ collection: 'reviews', id: review.id, depth, draft: true })
      expect({
        trackCount: read.trackCount,
        totalRuntimeSeconds: read.totalRuntimeSeconds,
        totalRuntime: read.totalRuntime,
      }).toEqual(expected)
    }
  }
}

describe('film runtime', () => {
  it('should start a new film at no tracks and 0:00', async () => {
    const film = await createFilm()
    expect({
      trackCount: film.trackCount,
      totalRuntimeSeconds: film.totalRuntimeSeconds,
      totalRuntime: film.totalRuntime,
    }).toEqual({
      trackCount: 0,
      totalRuntimeSeconds: 0,
      totalRuntime: '0:00',
    })
    await expectRuntime(film.id, { trackCount: 0, totalRuntimeSeconds: 0, totalRuntime: '0:00' })
  })

  it('should count and sum tracks as they are created, in m:ss under an hour', async () => {
    const film = await createFilm()
    await createReview(film.id)

    await createTrack(film.id, { number: 1, duration: '20:00' })
    await expectRuntime(film.id, { trackCount: 1, totalRuntimeSeconds: 1200, totalRuntime: '20:00' })

    await createTrack(film.id, { number: 2, durationSeconds: 1800 })
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 3000, totalRuntime: '50:00' })

    await createTrack(film.id, { number: 3, duration: '2:10' })
    await expectRuntime(film.id, { trackCount: 3, totalRuntimeSeconds: 3130, totalRuntime: '52:10' })
  })

  it('should show hours as h:mm:ss once the album passes an hour', async () => {
    const film = await createFilm()
    await createReview(film.id)
    await createTrack(film.id, { number: 1, duration: '45:00' })
    await createTrack(film.id, { number: 2, duration: '50:45' })
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 5745, totalRuntime: '1:35:45' })
  })

  it('should recompute when a duration is updated as text or as seconds', async () => {
    const film = await createFilm()
    await createReview(film.id)
    const first = await createTrack(film.id, { number: 1, duration: '1:12' })
    const second = await createTrack(film.id, { number: 2, duration: '1:00' })
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 132, totalRuntime: '2:12' })

    const byText = await payload.update({ collection: 'tracks', id: first.id, data: { duration: '4:20' }, depth: 0 })
    expect([byText.duration, byText.durationSeconds]).toEqual(['4:20', 260])
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 320, totalRuntime: '5:20' })

    const bySeconds = await payload.update({
      collection: 'tracks',
      id: second.id,
      data: { durationSeconds: 3600 },
      depth: 0,
    })
    expect([bySeconds.duration, bySeconds.durationSeconds]).toEqual(['1:00:00', 3600])
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 3860, totalRuntime: '1:04:20' })
  })

  it('should keep the runtime right and the track list ordered when a disc or number changes', async () => {
    const film = await createFilm()
    await createReview(film.id)
    const first = await createTrack(film.id, { number: 1, durationSeconds: 100 })
    const second = await createTrack(film.id, { number: 2, durationSeconds: 200 })
    const third = await createTrack(film.id, { number: 3, durationSeconds: 300 })

    await payload.update({ collection: 'tracks', id: first.id, data: { disc: 2, number: 1 }, depth: 0 })
    await payload.update({ collection: 'tracks', id: third.id, data: { number: 7 }, depth: 0 })
    await expectRuntime(film.id, { trackCount: 3, totalRuntimeSeconds: 600, totalRuntime: '10:00' })

    const withTracks = await payload.findByID({ collection: 'films', id: film.id, depth: 1 })
    const order = (withTracks.tracks?.docs ?? []).map((track: unknown) => (track as { id: FilmID }).id)
    expect(order).toEqual([second.id, third.id, first.id])
  })

  it('should recompute both films when a track moves to another film', async () => {
    const from = await createFilm('From')
    const to = await createFilm('To')
    await createReview(from.id)
    await createReview(to.id)
    const moving = await createTrack(from.id, { number: 5, durationSeconds: 250 })
    await createTrack(from.id, { number: 1, durationSeconds: 50 })
    await createTrack(to.id, { number: 1, durationSeconds: 70 })
    await expectRuntime(from.id, { trackCount: 2, totalRuntimeSeconds: 300, totalRuntime: '5:00' })
    await expectRuntime(to.id, { trackCount: 1, totalRuntimeSeconds: 70, totalRuntime: '1:10' })

    await payload.update({ collection: 'tracks', id: moving.id, data: { film: to.id }, depth: 0 })

    await expectRuntime(from.id, { trackCount: 1, totalRuntimeSeconds: 50, totalRuntime: '0:50' })
    await expectRuntime(to.id, { trackCount: 2, totalRuntimeSeconds: 320, totalRuntime: '5:20' })
  })

  it('should recompute when a track is deleted', async () => {
    const film = await createFilm()
    await createReview(film.id)
    const doomed = await createTrack(film.id, { number: 1, duration: '3:00' })
    await createTrack(film.id, { number: 2, duration: '1:30' })
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 270, totalRuntime: '4:30' })

    await payload.delete({ collection: 'tracks', id: doomed.id, depth: 0 })
    await expectRuntime(film.id, { trackCount: 1, totalRuntimeSeconds: 90, totalRuntime: '1:30' })
  })

  it('should recompute after a bulk update with where', async () => {
    const film = await createFilm()
    const other = await createFilm('Untouched')
    await createReview(film.id)
    for (const number of [1, 2, 3, 4]) {
      await createTrack(film.id, { number, durationSeconds: 10 * number })
    }
    await createTrack(other.id, { number: 1, durationSeconds: 42 })
    await expectRuntime(film.id, { trackCount: 4, totalRuntimeSeconds: 100, totalRuntime: '1:40' })

    const result = await payload.update({
      collection: 'tracks',
      where: { and: [{ film: { equals: film.id } }, { number: { less_than_equal: 3 } }] },
      data: { durationSeconds: 120 },
      depth: 0,
    })
    expect(result.errors).toEqual([])
    expect(result.docs).toHaveLength(3)
    await expectRuntime(film.id, { trackCount: 4, totalRuntimeSeconds: 400, totalRuntime: '6:40' })
    await expectRuntime(other.id, { trackCount: 1, totalRuntimeSeconds: 42, totalRuntime: '0:42' })
  })

  it('should recompute both films after a bulk update that moves tracks', async () => {
    const from = await createFilm('From')
    const to = await createFilm('To')
    await createReview(to.id)
    for (const number of [1, 2, 3]) {
      await createTrack(from.id, { number, disc: number === 1 ? 1 : 2, durationSeconds: 60 })
    }
    await payload.update({
      collection: 'tracks',
      where: { and: [{ film: { equals: from.id } }, { disc: { equals: 2 } }] },
      data: { film: to.id },
      depth: 0,
    })
    await expectRuntime(from.id, { trackCount: 1, totalRuntimeSeconds: 60, totalRuntime: '1:00' })
    await expectRuntime(to.id, { trackCount: 2, totalRuntimeSeconds: 120, totalRuntime: '2:00' })
  })

  it('should recompute after a bulk delete with where', async () => {
    const film = await createFilm()
    await createReview(film.id)
    for (const number of [1, 2, 3, 4, 5]) {
      await createTrack(film.id, { number, durationSeconds: 60 * number })
    }
    await expectRuntime(film.id, { trackCount: 5, totalRuntimeSeconds: 900, totalRuntime: '15:00' })

    const result = await payload.delete({
      collection: 'tracks',
      where: { and: [{ film: { equals: film.id } }, { number: { greater_than: 2 } }] },
      depth: 0,
    })
    expect(result.errors).toEqual([])
    expect(result.docs).toHaveLength(3)
    await expectRuntime(film.id, { trackCount: 2, totalRuntimeSeconds: 180, totalRuntime: '3:00' })
  })

  it("should delete a film's tracks with it and leave other films' tracks alone", async () => {
    const film = await createFilm('Doomed')
    const other = await createFilm('Kept')
    for (const number of [1, 2, 3]) {
      await createTrack(film.id, { number, durationSeconds: 30 })
    }
    await createTrack(other.id, { number: 1, durationSeconds: 30 })

    await payload.delete({ collection: 'films', id: film.id, depth: 0 })

    const orphans = await payload.count({ collection: 'tracks', where: { film: { equals: film.id } } })
    expect(orphans.totalDocs).toBe(0)
    const gone = await payload.findByID({ collection: 'films', id: film.id, depth: 0, disableErrors: true })
    expect(gone).toBeNull()
    await expectRuntime(other.id, { trackCount: 1, totalRuntimeSeconds: 30, totalRuntime: '0:30' })
  })

  it('should refuse to delete a film that has reviews and keep its tracks', async () => {
    const film = await createFilm('Reviewed')
    const review = await createReview(film.id)
    await createTrack(film.id, { number: 1, durationSeconds: 90 })
    const tracksBefore = await countDocs(payload, 'tracks')

    const error = await expectAPIError(() => payload.delete({ collection: 'films', id: film.id, depth: 0 }), 409)
    expect(error.message).toMatch(/review/i)

    expect(await payload.findByID({ collection: 'films', id: film.id, depth: 0 })).toMatchObject({ id: film.id })
    expect(await payload.findByID({ collection: 'reviews', id: review.id, depth: 0, draft: true })).toMatchObject({
      id: review.id,
    })
    expect(await countDocs(payload, 'tracks')).toBe(tracksBefore)
    await expectRuntime(film.id, { trackCount: 1, totalRuntimeSeconds: 90, totalRuntime: '1:30' })
  })

  it('should refuse a bulk delete of films when one has reviews and delete none of their tracks', async () => {
    const free = await createFilm('Free')
    const reviewed = await createFilm('Reviewed')
    await createReview(reviewed.id)
    await createTrack(free.id, { number: 1, durationSeconds: 10 })
    await createTrack(reviewed.id, { number: 1, durationSeconds: 20 })

    const result = await payload.delete({
      collection: 'films',
      where: { id: { in: [free.id, reviewed.id] } },
      depth: 0,
    })
    expect(result.errors.map((entry) => entry.id)).toEqual([reviewed.id])
    expect(result.errors[0]?.message).toMatch(/review/i)
    expect((await payload.count({ collection: 'tracks', where: { film: { equals: reviewed.id } } })).totalDocs).toBe(1)
    expect((await payload.count({ collection: 'tracks', where: { film: { equals: free.id } } })).totalDocs).toBe(0)
  })

  it('should cost the same number of database queries to save the 30th track as the 3rd', async () => {
    const film = await createFilm('Long album')
    await createReview(film.id)
    await createTrack(film.id, { number: 1, durationSeconds: 60 })
    await createTrack(film.id, { number: 2, durationSeconds: 60 })

    const third = await withQueryCount(payload, () => createTrack(film.id, { number: 3, durationSeconds: 60 }))
    const thirdUpdate = await withQueryCount(payload, () =>
      payload.update({ collection: 'tracks', id: third.result.id, data: { durationSeconds: 61 }, depth: 0 }),
    )
    for (let number = 4; number <= 29; number += 1) {
      await createTrack(film.id, { number, durationSeconds: 60 })
    }
    const thirtieth = await withQueryCount(payload, () => createTrack(film.id, { number: 30, durationSeconds: 60 }))
    const thirtiethUpdate = await withQueryCount(payload, () =>
      payload.update({ collection: 'tracks', id: thirtieth.result.id, data: { durationSeconds: 61 }, depth: 0 }),
    )

    expect(third.count).toBeGreaterThan(0)
    expect(thirtieth.calls).toEqual(third.calls)
    expect(thirtiethUpdate.calls).toEqual(thirdUpdate.calls)
    await expectRuntime(film.id, { trackCount: 30, totalRuntimeSeconds: 30 * 60 + 2, totalRuntime: '30:02' })
  })

  it('should restore the database adapter after counting queries', async () => {
    const db = payload.db as unknown as Record<string, unknown>
    const before = { find: db.find, create: db.create, updateOne: db.updateOne }
    const recorder = recordQueries(payload)
    expect(db.find).not.toBe(before.find)
    await payload.count({ collection: 'films' })
    expect(recorder.count((call) => call.method === 'count' && call.collection === 'films')).toBe(1)
    recorder.restore()
    expect({ find: db.find, create: db.create, updateOne: db.updateOne }).toEqual(before)
  })
})
