import type { Field } from 'payload'

import { clockPair } from './duration.js'
import { translated } from './translate.js'

export type TimecodeOptions = {
  overrides?: Parameters<typeof clockPair>[0]['overrides']
}

/** Where in the film a cue plays: `filmTimecode` ("15:00") and `filmTimeSeconds` (900), from 0:00. */
export const timecode = ({ overrides }: TimecodeOptions = {}): Field =>
  clockPair({
    textName: 'filmTimecode',
    secondsName: 'filmTimeSeconds',
    label: translated('soundtrackReviews:field.filmTimecode'),
    minSeconds: 0,
    required: false,
    description: translated('soundtrackReviews:description.filmTimecode'),
    overrides,
  })
