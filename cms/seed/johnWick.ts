import type { DemoFilm } from './types'

import { heading, paragraph, richText } from './richText'

/** Appears only in the draft review, so a test can search any public output for it. */
export const DRAFT_ONLY_MARKER = 'DRAFT-ONLY-JOHN-WICK'

/** Demo titles and lengths, a handful to show a second film: not the album's track list. */
const JOHN_WICK_DEMO_TRACK_LIST = `1. Retirement Interrupted (2:41)
2. Boogeyman Rumours (3:18)
3. Continental Rules (2:05)
4. Nightclub Rounds (4:12)
5. One Last Marker (3:27)
`

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
  trackList: JOHN_WICK_DEMO_TRACK_LIST,
  trackNotes: 'Demo track: a short sample for the seed, not the soundtrack album’s track list.',
  review: {
    title: 'Exploring Soundtracks: John Wick',
    isPublished: false,
    seriesPart: 2,
    excerpt: `${DRAFT_ONLY_MARKER}: part 2 of Exploring Soundtracks, still a draft. Tyler Bates and Joel J. Richard trade the orchestra for distorted guitars and club electronics.`,
    plotRecap: richText(
      paragraph(
        `${DRAFT_ONLY_MARKER}: recap to finish. John Wick has left the life; a stolen car and a killed puppy bring him back, and the Continental’s rules follow him all the way.`,
      ),
    ),
    analysis: richText(
      heading('h2', 'Notes so far'),
      paragraph(
        `${DRAFT_ONLY_MARKER}: where Fallout builds on drums and a choir, this score leans on guitars, synth pulses and bass you feel more than hear. Compare the nightclub sequence with the Paris chase from part 1.`,
      ),
    ),
    cues: [],
    highlightTrackNumbers: [],
  },
}
