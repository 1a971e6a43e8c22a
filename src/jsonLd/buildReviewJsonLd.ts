import type {
  ItemList,
  ListItem,
  Movie,
  MusicAlbum,
  MusicRecording,
  Organization,
  Person,
  Review,
  WithContext,
} from 'schema-dts'

import type { ID } from '../relationID.js'
import type { ResolvedOptions } from '../types.js'

import { toISO8601Duration } from '../../fields/duration.js'
import { relationID } from '../relationID.js'
import { reviewURL } from '../reviewURL.js'

/** A relationship read at depth 0 is an id; a populated one is a document with `id`. */
type Related = ID | { id: ID }

export type ReviewJsonLdReview = {
  id: ID
  title: string
  slug?: null | string
  excerpt?: null | string
  rating?: null | number
  publishedAt?: null | string
  updatedAt?: null | string
}

export type ReviewJsonLdFilm = {
  title: string
  releaseYear?: null | number
  director?: null | string
  composers?: null | Related[]
  totalRuntimeSeconds?: null | number
}

export type ReviewJsonLdTrack = {
  title: string
  disc?: null | number
  number: number
  durationSeconds?: null | number
  composers?: null | Related[]
}

export type ReviewJsonLdComposer = {
  id: ID
  name: string
  affiliations?: null | string[]
}

export type BuildReviewJsonLdArgs = {
  review: ReviewJsonLdReview
  film: ReviewJsonLdFilm
  /** In album order (disc, then number). */
  tracks: ReviewJsonLdTrack[]
  /** Every composer the film or its tracks name, in any order. */
  composers: ReviewJsonLdComposer[]
  /** The author's public name; without one the publisher is the author. Never an e-mail. */
  authorName?: null | string
  options: Pick<ResolvedOptions, 'publisher' | 'ratingScale' | 'reviewUrl'>
}

export const SOUNDTRACK_SUFFIX = ' (Original Motion Picture Soundtrack)'

const idOf = (value: Related): string => String(relationID(value))

const isGiven = (value: null | string | undefined): value is string => typeof value === 'string' && value.trim() !== ''

const organization = ({ name, url }: { name: string; url?: string }): Organization => ({
  '@type': 'Organization',
  name,
  ...(url ? { url } : {}),
})

const person = (composer: ReviewJsonLdComposer): Person => {
  const affiliations = (composer.affiliations ?? []).filter(isGiven)
  return {
    '@type': 'Person',
    name: composer.name,
    ...(affiliations.length > 0 ? { affiliation: affiliations.map((name) => organization({ name })) } : {}),
  }
}

/** Ids in first-seen order, each once. */
const uniqueIDs = (lists: Array<null | Related[] | undefined>): string[] => [
  ...new Set(lists.flatMap((list) => (list ?? []).map(idOf))),
]

const recording = (track: ReviewJsonLdTrack, isSingleDisc: boolean): MusicRecording => ({
  '@type': 'MusicRecording',
  name: track.title,
  ...(typeof track.durationSeconds === 'number' ? { duration: toISO8601Duration(track.durationSeconds) } : {}),
  position: isSingleDisc ? track.number : `${track.disc ?? 1}-${track.number}`,
})

/**
 * schema.org JSON-LD for a published review of a film's soundtrack: the Review rates the album
 * (MusicAlbum, SoundtrackAlbum) whose tracks are MusicRecordings and whose composers are Persons.
 */
export const buildReviewJsonLd = ({
  review,
  film,
  tracks,
  composers,
  authorName,
  options,
}: BuildReviewJsonLdArgs): WithContext<Review> => {
  const composerByID = new Map(composers.map((composer) => [String(composer.id), composer]))
  const peopleFor = (ids: string[]): Person[] =>
    ids.flatMap((id) => {
      const composer = composerByID.get(id)
      return composer ? [person(composer)] : []
    })
  const filmComposerIDs = uniqueIDs([film.composers])
  const albumComposerIDs = uniqueIDs([film.composers, ...tracks.map((track) => track.composers)])
  const isSingleDisc = tracks.every((track) => (track.disc ?? 1) === (tracks[0]?.disc ?? 1))

  const movie: Movie = {
    '@type': 'Movie',
    name: film.title,
    ...(typeof film.releaseYear === 'number' ? { datePublished: String(film.releaseYear) } : {}),
    ...(isGiven(film.director) ? { director: { '@type': 'Person', name: film.director } } : {}),
    ...(filmComposerIDs.length > 0 ? { musicBy: peopleFor(filmComposerIDs) } : {}),
  }

  const trackList: ItemList = {
    '@type': 'ItemList',
    numberOfItems: tracks.length,
    itemListElement: tracks.map((track, index): ListItem => ({
      '@type': 'ListItem',
      position: index + 1,
      item: recording(track, isSingleDisc),
    })),
  }

  const album: MusicAlbum = {
    '@type': 'MusicAlbum',
    name: `${film.title}${SOUNDTRACK_SUFFIX}`,
    albumProductionType: 'https://schema.org/SoundtrackAlbum',
    numTracks: tracks.length,
    ...(typeof film.totalRuntimeSeconds === 'number' && film.totalRuntimeSeconds > 0
      ? { duration: toISO8601Duration(film.totalRuntimeSeconds) }
      : {}),
    ...(albumComposerIDs.length > 0 ? { byArtist: peopleFor(albumComposerIDs) } : {}),
    ...(tracks.length > 0 ? { track: trackList } : {}),
    // schema.org has no "soundtrack of" property: `about` (CreativeWork → Thing) is the valid link from an album to its film.
    about: movie,
  }

  const publisher = organization(options.publisher)
  const author: Organization | Person = isGiven(authorName) ? { '@type': 'Person', name: authorName } : publisher
  const hasRating = typeof review.rating === 'number' && Number.isFinite(review.rating)

  return {
    '@context': 'https://schema.org',
    '@type': 'Review',
    name: review.title,
    url: reviewURL(options.reviewUrl, review),
    ...(review.publishedAt ? { datePublished: new Date(review.publishedAt).toISOString() } : {}),
    ...(review.updatedAt ? { dateModified: new Date(review.updatedAt).toISOString() } : {}),
    author,
    publisher,
    ...(isGiven(review.excerpt) ? { description: review.excerpt, reviewBody: review.excerpt } : {}),
    ...(hasRating
      ? {
          reviewRating: {
            '@type': 'Rating',
            ratingValue: review.rating as number,
            bestRating: options.ratingScale,
            worstRating: 0,
          },
        }
      : {}),
    itemReviewed: album,
  }
}
