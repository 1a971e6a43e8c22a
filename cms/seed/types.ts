import type { DefaultTypedEditorState } from '@payloadcms/richtext-lexical'

import type { Instrumentation } from 'payload-soundtrack-reviews'

export type { Instrumentation }

export type DemoComposer = {
  name: string
  bio: DefaultTypedEditorState
  affiliations: string[]
  /** Names of composers listed earlier in the seed. */
  influencedBy: string[]
}

/**
 * A moment the column describes. Timecode, track and instrumentation only where the column gives
 * them; the track is named by album number, since track ids exist only once the seed has run.
 */
export type DemoCue = {
  label: string
  filmTimecode?: string
  trackNumber?: number
  instrumentation: Instrumentation[]
  note: string
}

export type DemoReview = {
  title: string
  isPublished: boolean
  seriesPart: number
  excerpt: string
  plotRecap: DefaultTypedEditorState
  analysis: DefaultTypedEditorState
  finalThoughts?: DefaultTypedEditorState
  cues: DemoCue[]
  publishedAt?: string
}

export type DemoFilm = {
  title: string
  releaseYear: number
  franchise: string
  director: string
  synopsis: DefaultTypedEditorState
  /** Names from the seed's composers. */
  composers: string[]
  /** One track per line, as the track-list import takes it; none when the demo has no album for the film. */
  trackList?: string
  review: DemoReview
}
