import type { Payload } from 'payload'

import type { RunningServer } from '../cms/server'
import type { ID } from '../src/relationID'
import type { TestUser } from './helpers'

import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loginHeaders, startStaffServer, uniqueTitle, withQueryCount } from './helpers'

const FALLOUT = readFileSync(new URL('./fixtures/fallout-tracklist.txt', import.meta.url), 'utf8')

let server: RunningServer
let payload: Payload
let admin: TestUser
let editor: TestUser

beforeAll(async () => {
  ;({ server, payload, admin, editor } = await startStaffServer('tracklist_import'))
})

afterAll(async () => {
  await server?.close()
})

type ImportResponse = {
  status: number
  body: {
    created?: number
    trackCount?: number
    totalRuntimeSeconds?: number
    totalRuntime?: string
    errors?: Array<{ line: number; message: string; field?: string }>
  }
}

const createFilm = async (): Promise<ID> =>
  (await payload.create({ collection: 'films', data: { title: uniqueTitle('Import film') }, depth: 0 })).id

const importTrackList = async (film: ID, body: unknown, headers: Record<string, string>): Promise<ImportResponse> => {
  const response = await fetch(`${server.url}/api/films/${film}/tracklist`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as ImportResponse['body'] }
}

const tracksOf = async (film: ID) =>
  (
    await payload.find({
      collection: 'tracks',
      where: { film: { equals: film } },
      sort: ['disc', 'number'],
      pagination: false,
      depth: 0,
    })
  ).docs

const filmRuntime = async (film: ID) => {
  const doc = await payload.findByID({ collection: 'films', id: film, depth: 0 })
  return { trackCount: doc.trackCount, totalRuntimeSeconds: doc.totalRuntimeSeconds, totalRuntime: doc.totalRuntime }
}

/** Everything an import could change: the film's tracks (ids, titles, durations) and its runtime. */
const snapshot = async (film: ID) => ({
  tracks: (await tracksOf(film)).map((track) => [
    track.id,
    track.disc,
    track.number,
    track.title,
    track.durationSeconds,
  ]),
  runtime: await filmRuntime(film),
  allTracks: (await payload.count({ collection: 'tracks' })).totalDocs,
})

const falloutLines = FALLOUT.split(/\r?\n/).filter((line) => line.trim() !== '')

describe('server', () => {
  it('should answer /healthz once the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, db: payload.db.name })
  })
})

describe('POST /api/films/:id/tracklist', () => {
  it('should import the Fallout track list for an admin and sum its runtime', async () => {
    const film = await createFilm()
    const { status, body } = await importTrackList(film, { text: FALLOUT }, await loginHeaders(server.url, admin))
    expect(status).toBe(200)
    expect(body).toEqual({ created: 26, trackCount: 26, totalRuntimeSeconds: 5745, totalRuntime: '1:35:45' })

    const tracks = await tracksOf(film)
    expect(tracks).toHaveLength(falloutLines.length)
    expect(tracks.map((track) => track.number)).toEqual(falloutLines.map((_, index) => index + 1))
    expect(tracks[0]).toMatchObject({
      disc: 1,
      number: 1,
      title: 'A Storm Is Coming',
      duration: '1:12',
      durationSeconds: 72,
    })
    expect(tracks[25]).toMatchObject({
      number: 26,
      title: 'Mission: Accomplished',
      duration: '1:15',
      durationSeconds: 75,
    })
    expect(tracks.reduce((sum, track) => sum + (track.durationSeconds ?? 0), 0)).toBe(5745)
    expect(await filmRuntime(film)).toEqual({ trackCount: 26, totalRuntimeSeconds: 5745, totalRuntime: '1:35:45' })
  })

  it('should let an editor import too', async () => {
    const film = await createFilm()
    const { status, body } = await importTrackList(
      film,
      { text: '1. Opening (2:00)\n2. Closing (3:30)' },
      await loginHeaders(server.url, editor),
    )
    expect(status).toBe(200)
    expect(body).toEqual({ created: 2, trackCount: 2, totalRuntimeSeconds: 330, totalRuntime: '5:30' })
  })

  it('should answer 401 to an anonymous import and write nothing', async () => {
    const film = await createFilm()
    const before = await snapshot(film)
    const { status, body } = await importTrackList(film, { text: FALLOUT }, {})
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toBeTruthy()
    expect(await snapshot(film)).toEqual(before)
  })

  it('should answer 401 to a bad token and write nothing', async () => {
    const film = await createFilm()
    const before = await snapshot(film)
    const { status } = await importTrackList(film, { text: FALLOUT }, { Authorization: 'JWT not-a-real-token' })
    expect(status).toBe(401)
    expect(await snapshot(film)).toEqual(before)
  })

  it.each([false, true])(
    'should refuse a paste with one bad line among good ones, naming the line, and write nothing (replace: %s)',
    async (replace) => {
      const film = await createFilm()
      const headers = await loginHeaders(server.url, admin)
      await importTrackList(film, { text: '1. Already Here (1:00)' }, headers)
      const before = await snapshot(film)

      const badLine = 4
      const lines = falloutLines.slice(1, 8)
      lines[badLine - 1] = '5. Good Evening, Mr. Hunt (4:75)'
      const { status, body } = await importTrackList(film, { text: lines.join('\n'), replace }, headers)
      expect(status).toBe(400)
      expect(body.errors).toHaveLength(1)
      expect(body.errors?.[0]?.line).toBe(badLine)
      expect(body.errors?.[0]?.message).toContain('4:75')
      expect(await snapshot(film)).toEqual(before)
    },
  )

  it('should refuse a title with a NUL character by its line and code, in the endpoint’s own error shape', async () => {
    const film = await createFilm()
    const before = await snapshot(film)
    const headers = await loginHeaders(server.url, admin)
    const { status, body } = await importTrackList(film, { text: '1. Fine (1:00)\n2. \u0000nul (1:00)' }, headers)
    expect(status).toBe(400)
    expect(body.errors).toEqual([expect.objectContaining({ line: 2, code: 'titleNul' })])
    expect(await snapshot(film)).toEqual(before)
  })

  it('should refuse a second import without replace, naming the clashing lines, and write nothing', async () => {
    const film = await createFilm()
    const headers = await loginHeaders(server.url, admin)
    const first = await importTrackList(film, { text: falloutLines.slice(0, 5).join('\n') }, headers)
    expect(first.body.trackCount).toBe(5)
    const before = await snapshot(film)

    const second = ['6. Change of Plan (5:47)', '4. Another Manifesto (1:44)', '5. Another Hunt (4:19)'].join('\n')
    const { status, body } = await importTrackList(film, { text: second }, headers)
    expect(status).toBe(400)
    expect(body.errors?.map((error) => error.line)).toEqual([2, 3])
    expect(body.errors?.[0]?.message).toContain('4')
    expect(body.errors?.[0]?.message).toMatch(/replace/i)
    expect(await snapshot(film)).toEqual(before)
  })

  it('should replace the track list with replace: true', async () => {
    const film = await createFilm()
    const headers = await loginHeaders(server.url, admin)
    await importTrackList(film, { text: FALLOUT }, headers)
    expect(await tracksOf(film)).toHaveLength(26)

    const { status, body } = await importTrackList(
      film,
      { text: '1. New Beginning (10:00)\n2-01 Bonus Disc Opener (0:45)', replace: true },
      headers,
    )
    expect(status).toBe(200)
    expect(body).toEqual({ created: 2, trackCount: 2, totalRuntimeSeconds: 645, totalRuntime: '10:45' })
    const tracks = await tracksOf(film)
    expect(tracks.map((track) => [track.disc, track.number, track.title])).toEqual([
      [1, 1, 'New Beginning'],
      [2, 1, 'Bonus Disc Opener'],
    ])
    expect(await filmRuntime(film)).toEqual({ trackCount: 2, totalRuntimeSeconds: 645, totalRuntime: '10:45' })
  })

  it('should leave other films alone when replacing', async () => {
    const film = await createFilm()
    const other = await createFilm()
    const headers = await loginHeaders(server.url, admin)
    await importTrackList(other, { text: '1. Untouched (3:00)' }, headers)
    const otherBefore = await snapshot(other)
    await importTrackList(film, { text: '1. First (1:00)' }, headers)
    await importTrackList(film, { text: '1. Replaced (2:00)', replace: true }, headers)
    const { allTracks: _ignored, ...otherAfter } = await snapshot(other)
    const { allTracks: _before, ...otherExpected } = otherBefore
    expect(otherAfter).toEqual(otherExpected)
  })

  it.each([
    { label: 'no text', body: {} },
    { label: 'empty text', body: { text: '   ' } },
    { label: 'text that is not a string', body: { text: 42 } },
    { label: 'a replace that is not a boolean', body: { text: '1. A (1:00)', replace: 'yes' } },
    { label: 'a body that is not JSON', body: 'this is not json' },
  ])('should answer 400 to $label and write nothing', async ({ body: requestBody }) => {
    const film = await createFilm()
    const before = await snapshot(film)
    const { status, body } = await importTrackList(film, requestBody, await loginHeaders(server.url, admin))
    expect(status).toBe(400)
    expect(body.errors?.length).toBeGreaterThan(0)
    expect(body.errors?.[0]?.message.length).toBeGreaterThan(10)
    expect(await snapshot(film)).toEqual(before)
  })

  it('should answer 404 for a film that does not exist', async () => {
    const film = await createFilm()
    await payload.delete({ collection: 'films', id: film, depth: 0 })
    const tracksBefore = (await payload.count({ collection: 'tracks' })).totalDocs
    const { status, body } = await importTrackList(film, { text: FALLOUT }, await loginHeaders(server.url, admin))
    expect(status).toBe(404)
    expect(body.errors?.[0]?.message).toContain(String(film))
    expect((await payload.count({ collection: 'tracks' })).totalDocs).toBe(tracksBefore)
  })

  it('should update the runtime once per import and cost the same queries per line', async () => {
    const headers = await loginHeaders(server.url, admin)
    const small = await createFilm()
    const large = await createFilm()
    const isFilmWrite = (call: { method: string; collection?: string }) =>
      call.collection === 'films' && /^(update|upsert)/.test(call.method)

    const two = await withQueryCount(payload, () =>
      importTrackList(small, { text: falloutLines.slice(0, 2).join('\n') }, headers),
    )
    const all = await withQueryCount(payload, () => importTrackList(large, { text: FALLOUT }, headers))
    const middle = await createFilm()
    const fourteen = await withQueryCount(payload, () =>
      importTrackList(middle, { text: falloutLines.slice(0, 14).join('\n') }, headers),
    )
    expect(two.result.status).toBe(200)
    expect(all.result.status).toBe(200)
    expect(fourteen.result.status).toBe(200)

    // The film: incremented once and its runtime text written, however many lines.
    expect(all.calls.filter(isFilmWrite)).toHaveLength(2)
    expect(two.calls.filter(isFilmWrite)).toEqual(all.calls.filter(isFilmWrite))
    expect(all.calls.filter((call) => call.collection === 'tracks' && call.method === 'create')).toHaveLength(26)
    // Linear in the lines: each costs the same queries, the rest is a constant.
    const perLine = (all.count - two.count) / (26 - 2)
    expect(Number.isInteger(perLine)).toBe(true)
    expect(fourteen.count).toBe(two.count + (14 - 2) * perLine)
  })
})
