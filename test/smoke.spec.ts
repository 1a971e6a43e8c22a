import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPayload } from './helpers'

let payload: Payload

beforeAll(async () => {
  payload = await startPayload('smoke')
})

afterAll(async () => {
  await payload?.destroy()
})

describe('smoke', () => {
  it('should sum runtime', async () => {
    const film = await payload.create({ collection: 'films', data: { title: 'Fallout' } })
    await payload.create({ collection: 'tracks', data: { film: film.id, number: 1, title: 'A', duration: '1:12' } })
    await payload.create({ collection: 'tracks', data: { film: film.id, number: 2, title: 'B', durationSeconds: 60 } })
    const again = await payload.findByID({ collection: 'films', id: film.id })
    console.log(JSON.stringify(again, null, 1).slice(0, 2000))
    expect(again.totalRuntime).toBe('2:12')
  })
})
