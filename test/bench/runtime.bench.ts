/*
 * `npm run bench`: what the runtime hooks cost against plain Payload. The same track write goes to
 * our `tracks` (unique-number check + film runtime recompute) and to a plain collection with the
 * same fields and no hooks, on films that already hold 5 and 50 tracks. Query counts are printed so
 * growth with the track count shows (it must not: one select of durations per save).
 */
import type { Payload } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import { afterAll, bench, describe } from 'vitest'

import { databaseAdapter } from '../../cms/database'
import { soundtrackReviews } from '../../src/index'
import { recordQueries, testDatabaseURI } from '../helpers'

const config = buildConfig({
  secret: 'bench-secret',
  db: databaseAdapter(testDatabaseURI('bench')),
  editor: lexicalEditor(),
  collections: [
    { slug: 'users', auth: true, fields: [] },
    { slug: 'plain-films', fields: [{ name: 'title', type: 'text' }] },
    {
      slug: 'plain-tracks',
      fields: [
        { name: 'film', type: 'relationship', relationTo: 'plain-films' },
        { name: 'number', type: 'number' },
        { name: 'title', type: 'text' },
        { name: 'durationSeconds', type: 'number' },
      ],
    },
  ],
  plugins: [soundtrackReviews({ schedule: { runInProcess: false } })],
})

const payload: Payload = await getPayload({ config })

const filmWith = async (
  collection: 'films' | 'plain-films',
  trackCollection: 'tracks' | 'plain-tracks',
  tracks: number,
) => {
  const film = await payload.create({ collection, data: { title: `${collection} ${tracks}` }, depth: 0 })
  for (let number = 1; number <= tracks; number++) {
    await payload.create({
      collection: trackCollection,
      data: { film: film.id, number, title: `T${number}`, durationSeconds: 100 },
      depth: 0,
    })
  }
  return { id: film.id, next: tracks + 1 }
}

const ours = { small: await filmWith('films', 'tracks', 5), large: await filmWith('films', 'tracks', 50) }
const plain = {
  small: await filmWith('plain-films', 'plain-tracks', 5),
  large: await filmWith('plain-films', 'plain-tracks', 50),
}

const addTrack = (trackCollection: 'tracks' | 'plain-tracks', film: { id: number | string; next: number }) =>
  payload.create({
    collection: trackCollection,
    data: { film: film.id, number: film.next++, title: 'Bench', durationSeconds: 100 },
    depth: 0,
  })

const queriesPerWrite = async (label: string, write: () => Promise<unknown>) => {
  const recorder = recordQueries(payload)
  await write()
  recorder.restore()
  const queries = recorder.calls.filter((call) => !/Transaction$/.test(call.method))
  console.log(
    `${label}: ${queries.length} database queries (${queries.map((q) => `${q.method} ${q.collection ?? ''}`.trim()).join(', ')})`,
  )
}

await queriesPerWrite('plugin track create, film with 5 tracks', () => addTrack('tracks', ours.small))
await queriesPerWrite('plugin track create, film with 50 tracks', () => addTrack('tracks', ours.large))
await queriesPerWrite('plain Payload track create, film with 5 tracks', () => addTrack('plain-tracks', plain.small))
await queriesPerWrite('plain Payload track create, film with 50 tracks', () => addTrack('plain-tracks', plain.large))

afterAll(async () => {
  await payload.destroy()
})

describe('track create', () => {
  bench('plugin, film with 5 tracks', () => addTrack('tracks', ours.small).then(() => undefined), { iterations: 30 })
  bench('plugin, film with 50+ tracks', () => addTrack('tracks', ours.large).then(() => undefined), { iterations: 30 })
  bench('plain Payload, film with 5 tracks', () => addTrack('plain-tracks', plain.small).then(() => undefined), {
    iterations: 30,
  })
  bench('plain Payload, film with 50+ tracks', () => addTrack('plain-tracks', plain.large).then(() => undefined), {
    iterations: 30,
  })
})
