import type { DemoFilm } from './types'

import { heading, paragraph, richText } from './richText'

/** Appears only in the draft review, so a test can search any public output for it. */
export const DRAFT_ONLY_MARKER = 'DRAFT-ONLY-JOHN-WICK'

export const johnWick: DemoFilm = {
  title: 'John Wick',
  releaseYear: 2014,
  franchise: 'John Wick',
  director: 'Chad Stahelski',
  synopsis: richText(
    paragraph(
      'A retired hitman is pulled back into the underworld he left when the son of a crime boss steals his car and kills the dog his late wife left him.',
    ),
  ),
  composers: ['Tyler Bates', 'Joel J. Richard'],
  // The column names this film and its three weeks, not its album: no tracks rather than invented ones.
  review: {
    title: 'Exploring Soundtracks: John Wick',
    isPublished: false,
    seriesPart: 1,
    excerpt: `${DRAFT_ONLY_MARKER}: the three weeks the column spent on John Wick before Fallout, one draft until they are written up.`,
    plotRecap: richText(paragraph(`${DRAFT_ONLY_MARKER}: recap still to be written.`)),
    analysis: richText(
      heading('h2', 'Notes so far'),
      paragraph(
        `${DRAFT_ONLY_MARKER}: what the Fallout column says of this score, to build on: ear-splitting industrial dubstep that pumps the adrenaline hard, where Fallout sounds more traditional.`,
      ),
    ),
    cues: [],
  },
}
