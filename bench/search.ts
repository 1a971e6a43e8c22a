/*
 * (h) Search at archive scale (issue 20): `GET /api/search` on an archive of 1,000 and of 10,000
 * published reviews (one film each, ten tracks a film: 10,000 and 100,000 tracks), on SQLite and,
 * given a PostgreSQL server, on a fresh PostgreSQL database per size. The archive is written
 * straight into Payload's tables (raw multi-row INSERTs in one transaction), then the index is
 * built by `rebuildSearchIndex`, the function behind `POST /api/search/reindex`, and timed. Every
 * measured request has a URL of its own (an `n` parameter the endpoint ignores), so each is a
 * public-cache miss, answered by the search itself; the bench checks `X-Cache: miss` on each.
 */
import type { Payload } from 'payload'

import type { LaunchedServer } from './launch'

import { rmSync } from 'node:fs'
import { createLocalReq, getPayload } from 'payload'

import { rebuildSearchIndex } from '../src/search/searchIndex'
import { literal } from '../src/search/store'
import { rawSQLAdapter, runSQL } from '../src/sqlAdapter'
import { oursConfig } from './configs'
import { launchBenchServer, stopBenchServer } from './launch'

/** The reader's queries: what each stands for, and its text. */
export const SEARCH_QUERIES = {
  'title word': 'arrival',
  'composer, no accents': 'johannsson',
  'typo, one word': 'zimmmer',
  'typo, two words': 'hans zimer',
  'prefix as you type': 'mission imp',
  'track title': '',
  'phrase of a review body': '',
  'no match': 'spaghettification',
} as const

type QueryName = keyof typeof SEARCH_QUERIES

export type Latency = { p50: number; p95: number; max: number }

export type SearchScaleRun = {
  database: 'postgres' | 'sqlite'
  reviews: number
  films: number
  tracks: number
  composers: number
  seedSeconds: number
  reindexSeconds: number
  indexed: Record<string, number>
  requests: number
  all: Latency
  byQuery: Record<string, Latency & { q: string; total: number }>
}

// ---------------------------------------------------------------------------------------------
// The archive: deterministic, with the word frequencies of real text (a Zipf-distributed vocabulary)
// ---------------------------------------------------------------------------------------------

/** mulberry32: the same archive on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const FUNCTION_WORDS =
  'the a an of and to in is it that this with as for on by at from but not or its his her their they he she we you be was are has have had been which when where while into over under than then so such very more most all also only just even still each both through between against'.split(
    ' ',
  )
const MUSIC_WORDS =
  'score theme motif cue strings brass choir piano synth percussion ostinato melody harmony chord crescendo orchestra cello violin horn trumpet drums bass organ guitar soundtrack composer album track suite finale overture prelude tension silence pulse rhythm texture drone swell climax reprise leitmotif sequence scene chase battle love loss memory dream night storm fire water light shadow heart'.split(
    ' ',
  )
/** Real words that titles share with other titles (a tenth of a title's words; the rest are rarer). */
const TITLE_WORDS =
  'arrival mission impossible fallout dune sicario interstellar inception gladiator prisoners blade runner dark knight rising empire return kingdom heaven lost city river mountain ocean night storm winter summer last first silent hidden broken golden iron glass shadow ghost signal frontier horizon echo harbor desert forest machine orbit legacy origin protocol sentinel vendetta requiem odyssey'.split(
    ' ',
  )
/** What track titles say over and over (a quarter of their words). */
const TRACK_WORDS =
  'opening main titles escape chase reunion goodbye farewell theme suite heliport rooftop bathroom plutonium paris london berlin tokyo docks tunnel bridge countdown aftermath epilogue prologue end credits departure homecoming pursuit ambush rescue nightfall dawn'.split(
    ' ',
  )
/** The composers a reader names: each scores one film in a thousand (the rest are invented). */
const FAMOUS_COMPOSERS = [
  'Hans Zimmer',
  'Jóhann Jóhannsson',
  'Hildur Guðnadóttir',
  'Ludwig Göransson',
  'Michael Giacchino',
  'Lorne Balfe',
  'Ennio Morricone',
  'Bernard Herrmann',
  'Jerry Goldsmith',
  'Thomas Newman',
  'Alexandre Desplat',
  'Max Richter',
  'Mica Levi',
  'Ryuichi Sakamoto',
  'Joe Hisaishi',
  'Rachel Portman',
  'Howard Shore',
  'Danny Elfman',
  'Trent Reznor',
  'Atticus Ross',
  'John Williams',
  'James Horner',
  'Alan Silvestri',
  'Harry Gregson-Williams',
  'Gustavo Santaolalla',
  'Carter Burwell',
  'Nicholas Britell',
  'Daniel Pemberton',
  'Bear McCreary',
  'Ólafur Arnalds',
  'Joe Kraemer',
]
/** Films a reader looks for by name, spread over the archive (the same few at any size), with their composers. */
const KNOWN_FILMS: [string, string][] = [
  ['Mission: Impossible', 'Danny Elfman'],
  ['Mission: Impossible 2', 'Hans Zimmer'],
  ['Mission: Impossible III', 'Michael Giacchino'],
  ['Mission: Impossible – Ghost Protocol', 'Michael Giacchino'],
  ['Mission: Impossible – Rogue Nation', 'Joe Kraemer'],
  ['Mission: Impossible – Fallout', 'Lorne Balfe'],
  ['Mission: Impossible – Dead Reckoning', 'Lorne Balfe'],
  ['Arrival', 'Jóhann Jóhannsson'],
  ['Sicario', 'Jóhann Jóhannsson'],
  ['Prisoners', 'Jóhann Jóhannsson'],
  ['Dune', 'Hans Zimmer'],
  ['Interstellar', 'Hans Zimmer'],
]
const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo ar er ir or ur an en in on un al el il ol'.split(
    ' ',
  )

type Archive = {
  composers: { id: number; name: string }[]
  films: { id: number; title: string; composers: number[] }[]
  tracks: { id: number; film: number; number: number; title: string }[]
  reviews: { id: number; film: number; title: string; body: { excerpt: string; paragraphs: string[][] } }[]
}

/** An archive of `reviews` films, each with one published review, ten tracks and one or two composers. */
export const buildArchive = (reviews: number): Archive => {
  const next = random(20)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
  // A vocabulary of 30,000 invented words, drawn with Zipf's law (the n-th word 1/n as often as the first).
  const vocabulary = Array.from({ length: 30_000 }, (_, index) => {
    const length = 2 + (index % 3)
    return Array.from({ length }, () => pick(SYLLABLES)).join('') + (index % 7 === 0 ? 's' : '')
  })
  const cumulative: number[] = []
  vocabulary.forEach((_, index) => cumulative.push((cumulative.at(-1) ?? 0) + 1 / (index + 1)))
  const zipf = () => {
    const target = next() * cumulative[cumulative.length - 1]
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] < target) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return vocabulary[low]
  }
  const word = () => {
    const roll = next()
    return roll < 0.45 ? pick(FUNCTION_WORDS) : roll < 0.6 ? pick(MUSIC_WORDS) : zipf()
  }
  const sentence = (names: string[]) => {
    const words = Array.from({ length: 10 + Math.floor(next() * 12) }, word)
    if (names.length && next() < 0.3) {
      words.splice(Math.floor(next() * words.length), 0, pick(names))
    }
    const text = words.join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  const paragraph = (names: string[]) => Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(names))
  const capital = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`
  const composers = Array.from({ length: Math.max(50, reviews / 5) }, (_, index) => ({
    id: index + 1,
    name: FAMOUS_COMPOSERS[index] ?? `${capital(zipf())} ${capital(zipf())}`,
  }))
  const composerOfAFilm = () =>
    next() < FAMOUS_COMPOSERS.length / 1000
      ? Math.floor(next() * FAMOUS_COMPOSERS.length) + 1
      : FAMOUS_COMPOSERS.length + 1 + Math.floor(next() * (composers.length - FAMOUS_COMPOSERS.length))
  const titleWord = (common: readonly string[], share: number) => (next() < share ? pick(common) : zipf())
  const known = new Map(
    KNOWN_FILMS.map((film, index) => [Math.floor(((index + 0.5) * reviews) / KNOWN_FILMS.length), film]),
  )
  const films = Array.from({ length: reviews }, (_, index) => {
    const title = Array.from({ length: 1 + Math.floor(next() * 3) }, () => titleWord(TITLE_WORDS, 0.1)).join(' ')
    const composed = [composerOfAFilm(), ...(next() < 0.3 ? [composerOfAFilm()] : [])]
    const [knownTitle, knownComposer] = known.get(index) ?? []
    return {
      id: index + 1,
      title: knownTitle ?? `${capital(title)}${next() < 0.2 ? ` ${2 + Math.floor(next() * 4)}` : ''}`,
      composers: knownComposer ? [FAMOUS_COMPOSERS.indexOf(knownComposer) + 1] : [...new Set(composed)],
    }
  })
  const tracks = films.flatMap((film) =>
    Array.from({ length: 10 }, (_, index) => ({
      id: (film.id - 1) * 10 + index + 1,
      film: film.id,
      number: index + 1,
      title: capital(Array.from({ length: 1 + Math.floor(next() * 3) }, () => titleWord(TRACK_WORDS, 0.25)).join(' ')),
    })),
  )
  const reviewed = films.map((film) => {
    const names = [film.title, ...film.composers.map((id) => composers[id - 1].name)]
    return {
      id: film.id,
      film: film.id,
      title: `${film.title}: ${Array.from({ length: 3 }, () => pick(MUSIC_WORDS)).join(' ')}`,
      body: { excerpt: sentence(names), paragraphs: Array.from({ length: 6 }, () => paragraph(names)) },
    }
  })
  return { composers, films, tracks, reviews: reviewed }
}

/** Lexical's JSON for paragraphs of plain text. */
const lexical = (paragraphs: string[][]) =>
  JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs.map((sentences) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [
          { type: 'text', version: 1, text: sentences.join(' '), format: 0, detail: 0, mode: 'normal', style: '' },
        ],
      })),
    },
  })

const slugOf = (text: string, id: number) =>
  `${text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${id}`

/** The archive written into Payload's tables in one transaction, 500 rows a statement. */
const seedArchive = async (payload: Payload, archive: Archive) => {
  const db = rawSQLAdapter(payload.db)!
  const req = await createLocalReq({}, payload)
  req.transactionID = (await payload.db.beginTransaction()) ?? undefined
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    for (let start = 0; start < rows.length; start += 500) {
      const values = rows
        .slice(start, start + 500)
        .map((row) => `(${row.map((value) => literal(value as null | number | string)).join(', ')})`)
      await runSQL({
        req,
        db,
        raw: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
      })
    }
  }
  const at = (index: number) => new Date(Date.UTC(2015, 0, 2) + index * 7 * 86_400_000).toISOString()
  await insert(
    'composers',
    ['id', 'name', 'slug'],
    archive.composers.map(({ id, name }) => [id, name, slugOf(name, id)]),
  )
  await insert(
    'films',
    ['id', 'title', 'slug', 'release_year', 'track_count', 'total_runtime_seconds', 'total_runtime'],
    archive.films.map(({ id, title }) => [id, title, slugOf(title, id), 1990 + (id % 35), 10, 1800, '30:00']),
  )
  await insert(
    'films_rels',
    ['order', 'parent_id', 'path', 'composers_id'],
    archive.films.flatMap((film) =>
      film.composers.map((composer, order) => [order + 1, film.id, 'composers', composer]),
    ),
  )
  await insert(
    'tracks',
    ['id', 'film_id', 'disc', 'number', 'title', 'duration', 'duration_seconds'],
    archive.tracks.map(({ id, film, number, title }) => [id, film, 1, number, title, '3:00', 180]),
  )
  await insert(
    'reviews',
    [
      'id',
      'title',
      'slug',
      'film_id',
      'excerpt',
      'plot_recap',
      'analysis',
      'final_thoughts',
      'published_at',
      '_status',
    ],
    archive.reviews.map(({ id, film, title, body }) => [
      id,
      title,
      slugOf(title, id),
      film,
      body.excerpt,
      lexical(body.paragraphs.slice(0, 2)),
      lexical(body.paragraphs.slice(2, 5)),
      lexical(body.paragraphs.slice(5)),
      at(id),
      'published',
    ]),
  )
  if (db.name === 'postgres') {
    for (const table of ['composers', 'films', 'tracks', 'reviews']) {
      await runSQL({
        req,
        db,
        raw: `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`,
      })
    }
  }
  await payload.db.commitTransaction(req.transactionID as number | string)
}

// ---------------------------------------------------------------------------------------------
// The server and its answers
// ---------------------------------------------------------------------------------------------

const percentile = (sorted: number[], share: number) =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))].toFixed(2))

const latencyOf = (times: number[]): Latency => {
  const sorted = [...times].sort((a, b) => a - b)
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: percentile(sorted, 1) }
}

type Served = { url: string; queries: Record<QueryName, string> }

/**
 * `rounds` rounds of every query on each archive's server, one request at a time, each URL new to
 * the server's cache. The archives take turns request by request (the first one first in even
 * rounds, last in odd ones), so a burst of other work on the machine falls on both sizes alike.
 */
const measureQueries = async (servers: Served[], rounds: number) => {
  let sequence = 0
  const ask = async (url: string, q: string) => {
    const started = performance.now()
    const response = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}&n=${++sequence}`)
    const body = (await response.json()) as { total: number }
    const elapsed = performance.now() - started
    if (response.status !== 200 || response.headers.get('x-cache') !== 'miss') {
      throw new Error(`bench: search for ${q} answered ${response.status}, X-Cache ${response.headers.get('x-cache')}`)
    }
    return { elapsed, total: body.total }
  }
  const names = Object.keys(SEARCH_QUERIES) as QueryName[]
  const times = servers.map(() => Object.fromEntries(names.map((name) => [name, [] as number[]])))
  const totals = servers.map(() => ({}) as Record<string, number>)
  // Start-up work (JIT, the first statements prepared) out of the way: three rounds unmeasured.
  for (let round = -3; round < rounds; round++) {
    for (const name of names) {
      const order = round % 2 === 0 ? servers.keys() : [...servers.keys()].reverse()
      for (const index of order) {
        const { elapsed, total } = await ask(servers[index].url, servers[index].queries[name])
        if (round >= 0) {
          times[index][name].push(elapsed)
          totals[index][name] = total
        }
      }
    }
  }
  return servers.map((server, index) => ({
    requests: rounds * names.length,
    all: latencyOf(Object.values(times[index]).flat()),
    byQuery: Object.fromEntries(
      names.map((name) => [
        name,
        { q: server.queries[name], total: totals[index][name], ...latencyOf(times[index][name]) },
      ]),
    ),
  }))
}

/** A PostgreSQL database of its own for one size, made on the server `serverURL` names. */
const freshPostgres = async (serverURL: string, name: string) => {
  const management = new URL(serverURL)
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: management.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  const uri = new URL(serverURL)
  uri.pathname = `/${name}`
  return {
    uri: uri.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: management.toString() })
      await again.connect()
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await again.end()
    },
  }
}

type Prepared = Omit<SearchScaleRun, 'requests' | 'all' | 'byQuery'> & {
  uri: string
  queries: Record<QueryName, string>
}

/** An archive of `reviews` reviews seeded into the database at `uri` and indexed, both timed. */
const prepareArchive = async ({
  database,
  uri,
  reviews,
}: {
  database: 'postgres' | 'sqlite'
  uri: string
  reviews: number
}): Promise<Prepared> => {
  const archive = buildArchive(reviews)
  // Migrations run here (production mode): the schema and the empty index, as `npm start` makes them.
  const payload = await getPayload({ config: oursConfig(uri), key: `bench-search-${database}-${reviews}` })
  let started = performance.now()
  await seedArchive(payload, archive)
  const seedSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const indexed = await rebuildSearchIndex(payload)
  const reindexSeconds = (performance.now() - started) / 1000
  await payload.destroy()
  // A phrase of the review in the middle of the archive: four words of its second paragraph.
  const middle = archive.reviews[Math.floor(reviews / 2)].body.paragraphs[1][0].replace(/[.,]/g, '').split(' ')
  return {
    database,
    uri,
    reviews,
    films: archive.films.length,
    tracks: archive.tracks.length,
    composers: archive.composers.length,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    reindexSeconds: Number(reindexSeconds.toFixed(1)),
    indexed,
    queries: {
      ...SEARCH_QUERIES,
      'track title': archive.tracks[Math.floor(archive.tracks.length / 2)].title,
      'phrase of a review body': middle.slice(2, 6).join(' '),
    },
  }
}

/** Each archive served by its own server process, all measured together (see measureQueries). */
const measureArchives = async (root: string, prepared: Prepared[], rounds: number): Promise<SearchScaleRun[]> => {
  const launched: LaunchedServer[] = []
  try {
    for (const { uri } of prepared) {
      launched.push(await launchBenchServer({ root, mode: 'ours', database: uri }))
    }
    const measured = await measureQueries(
      prepared.map(({ queries }, index) => ({ url: launched[index].url, queries })),
      rounds,
    )
    return prepared.map(({ uri: _uri, queries: _queries, ...run }, index) => ({ ...run, ...measured[index] }))
  } finally {
    for (const server of launched) {
      await stopBenchServer(server)
    }
  }
}

export const ARCHIVE_SIZES = [1_000, 10_000] as const

/**
 * Both archive sizes on SQLite (files `fileFor(name)`), then on PostgreSQL when `postgresURL` names a
 * server (a database of its own per size, dropped afterwards).
 */
export const searchAtScale = async ({
  root,
  fileFor,
  postgresURL,
  rounds,
}: {
  root: string
  fileFor: (name: string) => string
  postgresURL?: string
  rounds: number
}): Promise<SearchScaleRun[]> => {
  const sqlite: Prepared[] = []
  for (const reviews of ARCHIVE_SIZES) {
    const file = fileFor(`search-${reviews}`)
    rmSync(file, { force: true })
    sqlite.push(await prepareArchive({ database: 'sqlite', uri: `file:${file}`, reviews }))
  }
  const runs = await measureArchives(root, sqlite, rounds)
  if (postgresURL) {
    const databases = await Promise.all(
      ARCHIVE_SIZES.map((reviews) => freshPostgres(postgresURL, `bench_search_${reviews}_${process.pid}`)),
    )
    try {
      const postgres: Prepared[] = []
      for (const [index, reviews] of ARCHIVE_SIZES.entries()) {
        postgres.push(await prepareArchive({ database: 'postgres', uri: databases[index].uri, reviews }))
      }
      runs.push(...(await measureArchives(root, postgres, rounds)))
    } finally {
      for (const { drop } of databases) {
        await drop()
      }
    }
  }
  return runs
}
