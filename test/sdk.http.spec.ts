import type { RunningServer } from '../cms/server'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemo } from '../cms/seed'
import { createClient, listReviews, readReview } from '../examples/frontend'
import { startTestServer } from './helpers'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer('sdk')
  await seedDemo({ payload: server.payload })
})

afterAll(async () => {
  await server?.close()
})

describe('a frontend reading with @payloadcms/sdk (examples/frontend.ts)', () => {
  it('should list only published reviews, with film title and year, without rich-text bodies', async () => {
    const sdk = createClient(`${server.url}/api`)
    const { docs } = await listReviews(sdk)
    expect(docs.map((doc) => doc.title)).toEqual(['Exploring Soundtracks: Mission: Impossible – Fallout'])
    const [review] = docs
    expect(review.film).toMatchObject({ title: 'Mission: Impossible – Fallout', releaseYear: 2018 })
    expect(review.totalRuntime).toBe('1:35:45')
    for (const body of ['plotRecap', 'analysis', 'finalThoughts']) {
      expect(review).not.toHaveProperty(body)
    }
  })

  it('should read a review page in one request with its film, 26 ordered tracks and HTML bodies', async () => {
    const sdk = createClient(`${server.url}/api`)
    const page = await readReview(sdk, 'exploring-soundtracks-mission-impossible-fallout')
    expect(page).not.toBeNull()
    expect(page!.plotRecap).toBeTruthy()
    expect(page!.plotRecapHTML).toMatch(/^<(p|h\d|ul|ol|blockquote)/)
    expect(page!.film).toMatchObject({
      title: 'Mission: Impossible – Fallout',
      trackCount: 26,
      totalRuntime: '1:35:45',
    })
    expect(page!.film.tracks).toHaveLength(26)
    expect(page!.film.tracks[0]).toMatchObject({
      number: 1,
      title: 'A Storm Is Coming',
      duration: '1:12',
      durationSeconds: 72,
    })
    expect(page!.film.tracks.reduce((sum, track) => sum + (track.durationSeconds ?? 0), 0)).toBe(5745)
  })

  it('should answer null for a slug with no published review', async () => {
    const sdk = createClient(`${server.url}/api`)
    expect(await readReview(sdk, 'no-such-review')).toBeNull()
  })

  it('should not find the draft review by slug', async () => {
    const sdk = createClient(`${server.url}/api`)
    const { docs } = await sdk.find({ collection: 'reviews', draft: true, where: { film: { exists: true } }, limit: 0 })
    expect(docs.map((doc) => doc._status)).toEqual(['published'])
  })

  it('should leave rich-text bodies out of REST lists unless the request selects fields', async () => {
    const listed = await (await fetch(`${server.url}/api/reviews?depth=0`)).json()
    expect(listed.docs[0]).not.toHaveProperty('analysis')
    const selected = await (await fetch(`${server.url}/api/reviews?depth=0&select[analysis]=true`)).json()
    expect(selected.docs[0].analysis).toBeTruthy()
  })
})
