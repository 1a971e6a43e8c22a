import { parseClock } from '../../fields/duration.js'
import { DISCS, TRACK_NUMBERS } from '../../fields/wholeNumber.js'

export type ParsedTrack = { line: number; disc: number; number: number; title: string; durationSeconds: number }

/** A stable name for each kind of bad line; the admin translates it, `message` is the API's English. */
export type TrackListErrorCode =
  | 'discTooLarge'
  | 'discZero'
  | 'durationInvalid'
  | 'durationZero'
  | 'noDuration'
  | 'titleEmpty'
  | 'titleNul'
  | 'trackListedTwice'
  | 'trackNumberTooLarge'
  | 'trackNumberZero'

export type TrackListErrorParams = Record<string, number | string | string[]>

export type TrackListError = { line: number; code: TrackListErrorCode; params?: TrackListErrorParams; message: string }

type ParsedTrackList = { tracks: ParsedTrack[]; errors: TrackListError[] }

type Position = { disc: number; number: number }

type LineResult = { ok: true; track: Omit<ParsedTrack, 'line'> } | ({ ok: false } & Omit<TrackListError, 'line'>)

/** `2-05 `, `5. ` or `5<tab>` at the start of a line; a bare `5 ` is left to the title ("1917 Main Theme"). */
const NUMBER_PREFIX = /^(?:(\d+)-(\d+)(?=\s)|(\d+)\.(?=\s|$)|(\d+)(?=\t))/

const DURATION_IN_PARENTHESES = /\(([^()]*)\)$/

const LAST_WORD = /(?:^|\s)(\S+)$/

/** Digits with `:` or `.` between them: meant as a duration, so a bad one is reported, not taken as title. */
const LOOKS_LIKE_DURATION = /^(?=.*\d)(?=.*[:.])[\d:.]+$/

const TRAILING_SEPARATOR = /(?:^|\s)[-–—]$/

const splitDuration = (rest: string): { title: string; duration?: string } => {
  const candidates = [DURATION_IN_PARENTHESES.exec(rest), LAST_WORD.exec(rest)]
  for (const match of candidates) {
    const duration = match?.[1]?.trim()
    if (match && duration !== undefined && LOOKS_LIKE_DURATION.test(duration)) {
      return { title: rest.slice(0, match.index), duration }
    }
  }
  return { title: rest }
}

const parseLine = (text: string, previous: Position): LineResult => {
  const prefix = NUMBER_PREFIX.exec(text)
  const [, discText, discNumberText, dottedText, tabbedText] = prefix ?? []
  const numberText = discNumberText ?? dottedText ?? tabbedText
  const disc = discText === undefined ? previous.disc : Number(discText)
  const number = numberText === undefined ? previous.number + 1 : Number(numberText)
  const { title: rawTitle, duration } = splitDuration(text.slice(prefix?.[0].length ?? 0).trim())

  if (disc === 0) {
    return { ok: false, code: 'discZero', message: 'Disc 0 is not allowed: discs are numbered from 1.' }
  }
  if (number === 0) {
    return { ok: false, code: 'trackNumberZero', message: 'Track number 0 is not allowed: tracks are numbered from 1.' }
  }
  if (disc > DISCS.max) {
    return {
      ok: false,
      code: 'discTooLarge',
      params: { disc: discText, max: DISCS.max },
      message: `Disc ${discText} is too large: discs go up to ${DISCS.max}.`,
    }
  }
  if (number > TRACK_NUMBERS.max) {
    return {
      ok: false,
      code: 'trackNumberTooLarge',
      params: { number: numberText ?? number, max: TRACK_NUMBERS.max },
      message: `Track number ${numberText ?? number} is too large: tracks go up to ${TRACK_NUMBERS.max}.`,
    }
  }
  if (duration === undefined) {
    return {
      ok: false,
      code: 'noDuration',
      params: { text },
      message: `No duration found in “${text}”: end the line with the track’s length, e.g. (4:19) or – 4:19.`,
    }
  }
  const clock = parseClock(duration)
  if (!clock.ok) {
    return {
      ok: false,
      code: 'durationInvalid',
      // `clock` names the parser's refusal, so the admin can say it in the editor's language.
      params: { duration, reason: clock.reason, clock: clock.code, ...clock.params },
      message: `Duration ${clock.reason}.`,
    }
  }
  if (clock.seconds === 0) {
    return {
      ok: false,
      code: 'durationZero',
      params: { duration },
      message: `Duration “${duration}” is too short: a track lasts at least 0:01.`,
    }
  }
  const title = rawTitle.trim().replace(TRAILING_SEPARATOR, '').replace(/\s+/g, ' ').trim()
  if (title === '') {
    return { ok: false, code: 'titleEmpty', message: 'The title is empty: write the track’s name before its duration.' }
  }
  // A NUL cannot be stored (PostgreSQL refuses it) and is never part of a name: say which line has it.
  if (title.includes('\u0000')) {
    return { ok: false, code: 'titleNul', message: 'The title contains a NUL (\\u0000) character: remove it.' }
  }
  return { ok: true, track: { disc, number, title, durationSeconds: clock.seconds } }
}

/**
 * Reads a pasted album track list, one track per line. Never throws: every non-blank line becomes a
 * track or an error, and the caller writes nothing when there is any error.
 */
export const parseTrackList = (text: string): ParsedTrackList => {
  const tracks: ParsedTrack[] = []
  const errors: TrackListError[] = []
  const lineOfPosition = new Map<string, number>()
  let previous: Position = { disc: 1, number: 0 }

  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1
    const content = raw.trim()
    if (content === '') {
      return
    }
    const result = parseLine(content, previous)
    if (!result.ok) {
      const { ok: _ok, ...error } = result
      errors.push({ line, ...error })
      return
    }
    const { disc, number } = result.track
    const key = `${disc}-${number}`
    const firstLine = lineOfPosition.get(key)
    if (firstLine !== undefined) {
      errors.push({
        line,
        code: 'trackListedTwice',
        params: { number, disc, firstLine, line },
        message: `Track ${number} on disc ${disc} is listed twice: lines ${firstLine} and ${line}.`,
      })
      return
    }
    lineOfPosition.set(key, line)
    // Only parsed tracks move the count on, so a heading like "Disc 1" does not shift the numbers after it.
    previous = { disc, number }
    tracks.push({ line, ...result.track })
  })

  return { tracks, errors }
}
