import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

import type { ID } from '../relationID.js'

import { relationID } from '../relationID.js'
import { reviewURL } from '../reviewURL.js'
import { reviewUrlOf, slugsOf } from '../settings.js'
import { indexableText, lexicalText } from './text.js'

export const SEARCH_TYPES = ['review', 'film', 'composer', 'track'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

/**
 * One public document as the index keeps it. Its words in three fields, which the ranking's tiers
 * read (RANKING_TIERS): `title` (its title or name), `names` (the film, track titles, composers),
 * `body` (rich text as plain text, notes).
 */
export type SearchDocument = {
  type: SearchType
  id: string
  title: string
  slug: null | string
  url: null | string
  film: { title: string; slug: null | string } | null
  text: { title: string; names: string; body: string }
}

export type SearchKey = { type: SearchType; id: string }

type Doc = Record<string, unknown> & { id: ID }

const join = (...parts: unknown[]): string =>
  indexableText(
    parts
      .flat(Infinity)
      .filter((part) => typeof part === 'string' || typeof part === 'number')
      .join(' · '),
  )

const ids = (value: unknown): ID[] =>
  (Array.isArray(value) ? value : []).map(relationID).filter((id): id is ID => id !== undefined)

const findAll = async (
  payload: Payload,
  req: PayloadRequest | undefined,
  collection: string,
  where: Where,
): Promise<Doc[]> =>
  (
    await payload.find({
      collection: collection as CollectionSlug,
      where,
      depth: 0,
      pagination: false,
      // The index reads none of the join fields (a film's tracks and reviews): not queried per document.
      joins: false,
      overrideAccess: true,
      ...(req ? { req } : {}),
    })
  ).docs as unknown as Doc[]

const byID = (docs: Doc[]) => new Map(docs.map((doc) => [String(doc.id), doc]))

/**
 * The index's documents for these ids, read from the main (published) rows: a review that is not
 * published, or any document that no longer exists, is in `gone`. A fixed number of queries for
 * any number of ids.
 */
export const buildSearchDocuments = async (
  payload: Payload,
  wanted: Partial<Record<SearchType, ID[]>>,
  req?: PayloadRequest,
): Promise<{ documents: SearchDocument[]; gone: SearchKey[] }> => {
  const slugs = slugsOf(payload)
  const inIDs = (list: ID[] | undefined): null | Where => (list?.length ? { id: { in: list } } : null)
  const load = async (collection: string, where: null | Where) =>
    where ? findAll(payload, req, collection, where) : []

  const reviews = await load(
    slugs.reviews,
    inIDs(wanted.review) && { and: [inIDs(wanted.review)!, { _status: { equals: 'published' } }] },
  )
  const tracks = await load(slugs.tracks, inIDs(wanted.track))
  const composersWanted = await load(slugs.composers, inIDs(wanted.composer))
  const filmIDs = [
    ...new Set([...(wanted.film ?? []), ...[...reviews, ...tracks].map((doc) => relationID(doc.film))].map(String)),
  ].filter((id) => id !== 'undefined')
  const films = await load(slugs.films, inIDs(filmIDs))
  const filmsOfComposers = await load(slugs.films, inIDs(wanted.composer) && { composers: { in: wanted.composer } })
  const tracksOfFilms = await load(slugs.tracks, inIDs(wanted.film) && { film: { in: wanted.film } })
  const composerIDs = [...new Set([...films, ...tracks].flatMap((doc) => ids(doc.composers)).map(String))]
  const composers = byID([...composersWanted, ...(await load(slugs.composers, inIDs(composerIDs)))])
  const filmsByID = byID([...films, ...filmsOfComposers])
  const namesOf = (list: unknown) => ids(list).map((id) => composers.get(String(id))?.name)
  const filmOf = (doc: Doc) => filmsByID.get(String(relationID(doc.film)))
  const filmRef = (film: Doc | undefined) =>
    film ? { title: String(film.title ?? ''), slug: (film.slug as null | string) ?? null } : null

  const documents: SearchDocument[] = [
    ...reviews.map((review): SearchDocument => {
      const film = filmOf(review)
      const cues = (Array.isArray(review.cues) ? review.cues : []) as Record<string, unknown>[]
      return {
        type: 'review',
        id: String(review.id),
        title: String(review.title ?? ''),
        slug: (review.slug as null | string) ?? null,
        url: reviewURL(reviewUrlOf(payload), { id: review.id, slug: review.slug as null | string }),
        film: filmRef(film),
        text: {
          title: join(review.title),
          names: join(film?.title, namesOf(film?.composers)),
          body: join(
            review.excerpt,
            lexicalText(review.plotRecap),
            lexicalText(review.analysis),
            cues.map((cue) => [cue.label, cue.note]),
            lexicalText(review.finalThoughts),
          ),
        },
      }
    }),
    ...films
      .filter((film) => wanted.film?.some((id) => String(id) === String(film.id)))
      .map((film): SearchDocument => ({
        type: 'film',
        id: String(film.id),
        title: String(film.title ?? ''),
        slug: (film.slug as null | string) ?? null,
        url: null,
        film: null,
        text: {
          title: join(film.title),
          names: join(
            namesOf(film.composers),
            tracksOfFilms.filter((track) => String(relationID(track.film)) === String(film.id)).map((t) => t.title),
          ),
          body: join(film.releaseYear, film.franchise, film.director, lexicalText(film.synopsis)),
        },
      })),
    ...composersWanted.map((composer): SearchDocument => ({
      type: 'composer',
      id: String(composer.id),
      title: String(composer.name ?? ''),
      slug: (composer.slug as null | string) ?? null,
      url: null,
      film: null,
      text: {
        title: join(composer.name),
        names: join(
          composer.affiliations,
          filmsOfComposers
            .filter((film) => ids(film.composers).some((id) => String(id) === String(composer.id)))
            .map((film) => film.title),
        ),
        body: join(lexicalText(composer.bio)),
      },
    })),
    ...tracks.map((track): SearchDocument => {
      const film = filmOf(track)
      const credited = ids(track.composers).length ? track.composers : film?.composers
      return {
        type: 'track',
        id: String(track.id),
        title: String(track.title ?? ''),
        slug: null,
        url: null,
        film: filmRef(film),
        text: { title: join(track.title), names: join(film?.title, namesOf(credited)), body: join(track.notes) },
      }
    }),
  ]
  const found = new Set(documents.map(({ type, id }) => `${type}:${id}`))
  const gone = (Object.entries(wanted) as [SearchType, ID[]][]).flatMap(([type, list]) =>
    list.map((id) => ({ type, id: String(id) })).filter((key) => !found.has(`${key.type}:${key.id}`)),
  )
  return { documents, gone }
}
