import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { TestUser } from './helpers'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loginHeaders, startStaffServer, uniqueTitle } from './helpers'

/* Consistency across several writes in one request, bulk writes, and editors' limits. */
let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser

beforeAll(async () => {
  ;({ server, payload, admin, editor } = await startStaffServer('integrity'))
})

afterAll(async () => {
  await server?.close()
})

const createFilm = async () =>
  (await payload.create({ collection: 'films', data: { title: uniqueTitle('Film') }, depth: 0 })).id

const createDraft = async (film: number | string) =>
  (await payload.create({ collection: 'reviews', data: { title: uniqueTitle('Review'), film }, draft: true, depth: 0 }))
    .id

const queueOf = async () =>
  ((await payload.findGlobal({ slug: 'publication-schedule', depth: 0 })).queue as (number | string)[]).map(String)

const queueDrafts = async (count: number) => {
  const film = await createFilm()
  const ids: (number | string)[] = []
  for (let i = 0; i < count; i++) {
    ids.push(await createDraft(film))
  }
  await payload.updateGlobal({
    slug: 'publication-schedule',
    data: { enabled: false, weekday: 'friday', time: '09:00', timezone: 'Europe/London', queue: ids },
  })
  return ids
}

describe('the schedule when several reviews are published at once', () => {
  it('should take both off the queue when two queued reviews are published in one request', async () => {
    const [a, b, c] = await queueDrafts(3)
    const req = await createLocalReq({ user: admin as never }, payload)
    await payload.update({ collection: 'reviews', id: a, data: { _status: 'published' }, depth: 0, req })
    await payload.update({ collection: 'reviews', id: b, data: { _status: 'published' }, depth: 0, req })
    expect(await queueOf()).toEqual([String(c)])
    const { upcoming } = await (await fetch(`${server.url}/api/schedule`)).json()
    expect(upcoming.map((slot: { review: { id: unknown } }) => String(slot.review.id))).toEqual([String(c)])
  })

  it('should publish a bulk selection of queued reviews and leave none of them queued', async () => {
    const [a, b, c] = await queueDrafts(3)
    const result = await payload.update({
      collection: 'reviews',
      where: { id: { in: [a, b] } },
      data: { _status: 'published' },
      depth: 0,
      overrideAccess: false,
      user: admin,
    })
    expect(result.errors).toEqual([])
    expect(result.docs.map((doc) => doc._status)).toEqual(['published', 'published'])
    expect(await queueOf()).toEqual([String(c)])
  })
})

describe('film runtime after several writes in one request', () => {
  it('should keep counting tracks after a film with tracks was deleted earlier in the request', async () => {
    const [doomed, kept] = [await createFilm(), await createFilm()]
    await payload.create({
      collection: 'tracks',
      data: { film: doomed, number: 1, title: 'Gone', duration: '1:00' },
      depth: 0,
    })
    const req = await createLocalReq({}, payload)
    await payload.delete({ collection: 'films', id: doomed, depth: 0, req })
    await payload.create({
      collection: 'tracks',
      data: { film: kept, number: 1, title: 'Kept', duration: '2:05' },
      depth: 0,
      req,
    })
    expect(await payload.findByID({ collection: 'films', id: kept, depth: 0 })).toMatchObject({
      trackCount: 1,
      totalRuntime: '2:05',
    })
  })
})

describe('editors change reviews through drafts only', () => {
  it('should refuse an editor unpublishing a live review, and keep it public', async () => {
    const film = await createFilm()
    const review = await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Live'), film, _status: 'published' },
      depth: 0,
    })
    await expect(
      payload.update({
        collection: 'reviews',
        id: review.id,
        data: { _status: 'draft' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/draft=true/) })
    const publicRead = await fetch(`${server.url}/api/reviews/${review.id}`)
    expect(publicRead.status).toBe(200)
  })

  it('should refuse an editor restoring an earlier version, and leave the review as it was', async () => {
    const film = await createFilm()
    const review = await payload.create({
      collection: 'reviews',
      data: { title: 'First words', film, _status: 'published' },
      depth: 0,
    })
    await payload.update({
      collection: 'reviews',
      id: review.id,
      data: { title: 'Second words', _status: 'published' },
      depth: 0,
    })
    const { docs } = await payload.findVersions({
      collection: 'reviews',
      where: { and: [{ parent: { equals: review.id } }, { 'version.title': { equals: 'First words' } }] },
      depth: 0,
    })
    await expect(
      payload.restoreVersion({ collection: 'reviews', id: docs[0].id, user: editor, overrideAccess: false, depth: 0 }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await payload.findByID({ collection: 'reviews', id: review.id, draft: true, depth: 0 })).toMatchObject({
      title: 'Second words',
      _status: 'published',
    })
  })
})

describe('replacing a track list that reviews point at', () => {
  it('should refuse replace with 409 naming the review, and write nothing', async () => {
    const film = await createFilm()
    const track = await payload.create({
      collection: 'tracks',
      data: { film, number: 1, title: 'Cue me', duration: '3:00' },
      depth: 0,
    })
    const title = uniqueTitle('Uses the track')
    await payload.create({
      collection: 'reviews',
      data: { title, film, highlights: [track.id] },
      draft: true,
      depth: 0,
    })
    const response = await fetch(`${server.url}/api/films/${film}/tracklist`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, editor)) },
      body: JSON.stringify({ text: '1. Something else (1:00)', replace: true }),
    })
    expect(response.status).toBe(409)
    const body = await response.json()
    expect(body.errors[0].message).toContain(title)
    const tracks = await payload.find({ collection: 'tracks', where: { film: { equals: film } }, depth: 0 })
    expect(tracks.docs.map((doc) => doc.title)).toEqual(['Cue me'])
  })
})

describe('a track that a review cites stays on its film', () => {
  const patchTrack = async (id: number | string, body: Record<string, unknown>) =>
    fetch(`${server.url}/api/tracks/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...(await loginHeaders(server.url, editor)) },
      body: JSON.stringify(body),
    })

  it('should refuse moving a cited track to another film with 409 naming the review, and keep the cue', async () => {
    const [film, other] = [await createFilm(), await createFilm()]
    const track = await payload.create({
      collection: 'tracks',
      data: { film, number: 1, title: 'Cited cue', duration: '2:00' },
      depth: 0,
    })
    const title = uniqueTitle('Cites the track')
    const review = await payload.create({
      collection: 'reviews',
      data: { title, film, _status: 'published', cues: [{ label: 'Opening', track: track.id }] },
      depth: 0,
    })
    const response = await patchTrack(track.id, { film: other })
    expect(response.status).toBe(409)
    expect((await response.json()).errors[0].message).toContain(title)
    expect((await payload.findByID({ collection: 'tracks', id: track.id, depth: 0 })).film).toBe(film)
    const stored = await payload.findByID({ collection: 'reviews', id: review.id, depth: 0 })
    expect(stored.cues?.[0]?.track).toBe(track.id)
    expect((await payload.findByID({ collection: 'films', id: other, depth: 0 })).trackCount).toBe(0)
  })

  it('should still move a track no review cites, and still rename a cited one', async () => {
    const [film, other] = [await createFilm(), await createFilm()]
    const createTrack = (number: number) =>
      payload.create({ collection: 'tracks', data: { film, number, title: `Track ${number}`, duration: '1:00' } })
    const [free, cited] = [await createTrack(1), await createTrack(2)]
    await payload.create({
      collection: 'reviews',
      data: { title: uniqueTitle('Highlights'), film, highlights: [cited.id] },
      draft: true,
      depth: 0,
    })
    expect((await patchTrack(free.id, { film: other })).status).toBe(200)
    expect((await patchTrack(cited.id, { title: 'Renamed', film })).status).toBe(200)
  })
})
