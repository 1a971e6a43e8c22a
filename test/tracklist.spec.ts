import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import { parseTrackList } from '../src/tracklist/parseTrackList'

const FALLOUT_TITLES = [
  'A Storm Is Coming',
  'Your Mission',
  'Should You Choose to Accept…',
  'The Manifesto',
  'Good Evening, Mr. Hunt',
  'Change of Plan',
  'A Terrible Choice',
  'Fallout',
  'Stairs and Rooftops',
  'No Hard Feelings',
  'Free Fall',
  'The White Window',
  'I Am the Storm',
  'The Exchange',
  'Steps Ahead',
  'Escape Through Paris',
  'We Are Never Free',
  'Kashmir',
  'Fate Whispers to the Warrior',
  'And the Warrior Whispers Back',
  'Unfinished Business',
  'Scalper and Hammer',
  'The Syndicate',
  'Cutting on One',
  'The Last Resort',
  'Mission: Accomplished',
]

const readFallout = (): string => readFileSync(new URL('./fixtures/fallout-tracklist.txt', import.meta.url), 'utf8')

const sumSeconds = (tracks: { durationSeconds: number }[]): number =>
  tracks.reduce((total, track) => total + track.durationSeconds, 0)

describe('parseTrackList', () => {
  describe('the Fallout track list', () => {
    it('should parse all 26 lines with no errors', () => {
      const { tracks, errors } = parseTrackList(readFallout())
      expect(errors).toEqual([])
      expect(tracks).toHaveLength(26)
    })

    it('should number the tracks 1 to 26 on disc 1, each with its own line', () => {
      const { tracks } = parseTrackList(readFallout())
      expect(tracks.map((track) => track.number)).toEqual(Array.from({ length: 26 }, (_, index) => index + 1))
      expect(tracks.map((track) => track.line)).toEqual(Array.from({ length: 26 }, (_, index) => index + 1))
      expect(tracks.every((track) => track.disc === 1)).toBe(true)
    })

    it('should keep the titles exactly, including “…” and “:”', () => {
      const { tracks } = parseTrackList(readFallout())
      expect(tracks.map((track) => track.title)).toEqual(FALLOUT_TITLES)
    })

    it('should add up to 5745 seconds', () => {
      const { tracks } = parseTrackList(readFallout())
      expect(sumSeconds(tracks)).toBe(5745)
      expect(tracks[0]).toEqual({ line: 1, disc: 1, number: 1, title: 'A Storm Is Coming', durationSeconds: 72 })
    })

    it('should parse the same list with CRLF line endings', () => {
      const { tracks, errors } = parseTrackList(readFallout().replace(/\r?\n/g, '\r\n'))
      expect(errors).toEqual([])
      expect(tracks.map((track) => track.title)).toEqual(FALLOUT_TITLES)
      expect(sumSeconds(tracks)).toBe(5745)
    })
  })

  describe('formats', () => {
    it('should read "number. title (duration)"', () => {
      expect(parseTrackList('1. A Storm Is Coming (1:12)')).toEqual({
        tracks: [{ line: 1, disc: 1, number: 1, title: 'A Storm Is Coming', durationSeconds: 72 }],
        errors: [],
      })
    })

    it('should read "disc-number title duration"', () => {
      const { tracks, errors } = parseTrackList('1-01 A Storm Is Coming 1:12\n2-05 Kashmir 4:29')
      expect(errors).toEqual([])
      expect(tracks).toEqual([
        { line: 1, disc: 1, number: 1, title: 'A Storm Is Coming', durationSeconds: 72 },
        { line: 2, disc: 2, number: 5, title: 'Kashmir', durationSeconds: 269 },
      ])
    })

    it('should number "title – duration" and "title - duration" lines by their position', () => {
      const { tracks, errors } = parseTrackList('A Storm Is Coming – 1:12\nYour Mission - 2:14\nFallout — 1:30')
      expect(errors).toEqual([])
      expect(tracks).toEqual([
        { line: 1, disc: 1, number: 1, title: 'A Storm Is Coming', durationSeconds: 72 },
        { line: 2, disc: 1, number: 2, title: 'Your Mission', durationSeconds: 134 },
        { line: 3, disc: 1, number: 3, title: 'Fallout', durationSeconds: 90 },
      ])
    })

    it('should continue the numbering from the previous track on the same disc', () => {
      const { tracks, errors } = parseTrackList(
        '2-05 Kashmir 4:29\nUnfinished Business – 1:49\n7. The Syndicate (6:00)',
      )
      expect(errors).toEqual([])
      expect(tracks.map(({ disc, number }) => ({ disc, number }))).toEqual([
        { disc: 2, number: 5 },
        { disc: 2, number: 6 },
        { disc: 2, number: 7 },
      ])
    })

    it('should read tab-separated "number, title, duration"', () => {
      const { tracks, errors } = parseTrackList('1\tA Storm Is Coming\t1:12\n2\tYour Mission\t2:14')
      expect(errors).toEqual([])
      expect(tracks).toEqual([
        { line: 1, disc: 1, number: 1, title: 'A Storm Is Coming', durationSeconds: 72 },
        { line: 2, disc: 1, number: 2, title: 'Your Mission', durationSeconds: 134 },
      ])
    })

    it('should skip blank lines without giving them a number, keeping the input line numbers', () => {
      const { tracks, errors } = parseTrackList('\n  \n  1. A Storm Is Coming (1:12)  \n\n\tYour Mission – 2:14\t\n')
      expect(errors).toEqual([])
      expect(tracks.map(({ line, number, title }) => ({ line, number, title }))).toEqual([
        { line: 3, number: 1, title: 'A Storm Is Coming' },
        { line: 5, number: 2, title: 'Your Mission' },
      ])
    })

    it('should keep colons, ellipses, dashes and parentheses in titles', () => {
      const { tracks, errors } = parseTrackList(
        [
          '1. Mission: Accomplished (1:15)',
          '2. Should You Choose to Accept… (2:34)',
          '3. Theme (Reprise) (3:01)',
          '4. Paris – Night (1:00)',
          'Ethan Hunt (Suite) - Part 2 – 5:05',
        ].join('\n'),
      )
      expect(errors).toEqual([])
      expect(tracks.map((track) => track.title)).toEqual([
        'Mission: Accomplished',
        'Should You Choose to Accept…',
        'Theme (Reprise)',
        'Paris – Night',
        'Ethan Hunt (Suite) - Part 2',
      ])
      expect(tracks.map((track) => track.durationSeconds)).toEqual([75, 154, 181, 60, 305])
    })

    it('should read h:mm:ss durations in every format', () => {
      const { tracks, errors } = parseTrackList('1. Suite (1:02:03)\n1-02 Suite II 1:02:03\nSuite III – 1:02:03')
      expect(errors).toEqual([])
      expect(tracks.map((track) => track.durationSeconds)).toEqual([3723, 3723, 3723])
    })

    it('should return nothing for an empty paste', () => {
      expect(parseTrackList('')).toEqual({ tracks: [], errors: [] })
      expect(parseTrackList(' \r\n\t\n')).toEqual({ tracks: [], errors: [] })
    })
  })

  describe('errors', () => {
    it('should report a line with no duration', () => {
      const { tracks, errors } = parseTrackList('1. A Storm Is Coming (1:12)\n2. Your Mission\nTheme (Reprise)')
      expect(tracks.map((track) => track.line)).toEqual([1])
      expect(errors).toEqual([
        {
          line: 2,
          code: 'noDuration',
          params: { text: '2. Your Mission' },
          message: expect.stringContaining('No duration found in “2. Your Mission”'),
        },
        {
          line: 3,
          code: 'noDuration',
          params: { text: 'Theme (Reprise)' },
          message: expect.stringContaining('No duration found in “Theme (Reprise)”'),
        },
      ])
    })

    it('should report a bad duration with the reason parseClock gives', () => {
      const { tracks, errors } = parseTrackList(
        '1. A Storm Is Coming (1:75)\n\n1-02 Your Mission 1:5\nFallout – 24:00:00',
      )
      expect(tracks).toEqual([])
      expect(errors).toEqual([
        {
          line: 1,
          code: 'durationInvalid',
          params: {
            duration: '1:75',
            reason: '“1:75” has 75 seconds; seconds go up to 59',
            clock: 'secondsOver59',
            value: '1:75',
            seconds: '75',
          },
          message: 'Duration “1:75” has 75 seconds; seconds go up to 59.',
        },
        expect.objectContaining({
          line: 3,
          code: 'durationInvalid',
          message: 'Duration “1:5” is not a time like 4:19 or 1:02:03.',
        }),
        expect.objectContaining({
          line: 4,
          code: 'durationInvalid',
          message: 'Duration “24:00:00” is longer than 23:59:59.',
        }),
      ])
    })

    it('should refuse a duration of 0:00', () => {
      const { tracks, errors } = parseTrackList('1. Silence (0:00)')
      expect(tracks).toEqual([])
      expect(errors).toEqual([
        {
          line: 1,
          code: 'durationZero',
          params: { duration: '0:00' },
          message: 'Duration “0:00” is too short: a track lasts at least 0:01.',
        },
      ])
    })

    it('should report an empty title in every format', () => {
      const { tracks, errors } = parseTrackList('1. (1:12)\n1-02 2:14\n– 1:30\n4\t\t6:00')
      expect(tracks).toEqual([])
      expect(errors.map((error) => error.line)).toEqual([1, 2, 3, 4])
      expect(
        errors.every(
          (error) =>
            error.code === 'titleEmpty' &&
            error.message === 'The title is empty: write the track’s name before its duration.',
        ),
      ).toBe(true)
    })

    it('should report a track number repeated on the same disc, naming both lines', () => {
      const { tracks, errors } = parseTrackList(
        '1. A Storm Is Coming (1:12)\n2. Your Mission (2:14)\n\n2. Fallout (1:30)',
      )
      expect(tracks.map((track) => track.title)).toEqual(['A Storm Is Coming', 'Your Mission'])
      expect(errors).toEqual([
        {
          line: 4,
          code: 'trackListedTwice',
          params: { number: 2, disc: 1, firstLine: 2, line: 4 },
          message: 'Track 2 on disc 1 is listed twice: lines 2 and 4.',
        },
      ])
    })

    it('should report a number taken by an unnumbered track before it', () => {
      const { errors } = parseTrackList('A Storm Is Coming – 1:12\nYour Mission – 2:14\n2. Fallout (1:30)')
      expect(errors).toEqual([
        expect.objectContaining({ line: 3, message: 'Track 2 on disc 1 is listed twice: lines 2 and 3.' }),
      ])
    })

    it('should allow the same number on different discs', () => {
      const { tracks, errors } = parseTrackList('1-01 A Storm Is Coming 1:12\n2-01 Kashmir 4:29')
      expect(errors).toEqual([])
      expect(tracks).toHaveLength(2)
    })

    it('should refuse track number 0 and disc 0', () => {
      const { tracks, errors } = parseTrackList('0. Prologue (1:00)\n0-01 Prologue 1:00\n1-00 Prologue 1:00')
      expect(tracks).toEqual([])
      expect(errors).toEqual([
        { line: 1, code: 'trackNumberZero', message: 'Track number 0 is not allowed: tracks are numbered from 1.' },
        { line: 2, code: 'discZero', message: 'Disc 0 is not allowed: discs are numbered from 1.' },
        { line: 3, code: 'trackNumberZero', message: 'Track number 0 is not allowed: tracks are numbered from 1.' },
      ])
    })

    it('should give every non-blank line either a track or an error', () => {
      const text = 'Disc 1\r\n1. A Storm Is Coming (1:12)\r\n\r\n2. Your Mission (9:99)\r\nFallout – 1:30\r\n(1:00)'
      const { tracks, errors } = parseTrackList(text)
      expect(tracks.map(({ line, number }) => ({ line, number }))).toEqual([
        { line: 2, number: 1 },
        { line: 5, number: 2 },
      ])
      expect(errors.map((error) => error.line)).toEqual([1, 4, 6])
    })

    it('should refuse track numbers above 999 and discs above 99, naming the line', () => {
      const { tracks, errors } = parseTrackList(
        [
          `${'9'.repeat(20)}. Overture (1:00)`,
          '1000. One Too Many (1:00)',
          '999. Last (1:00)',
          '100-01 Disc (1:00)',
        ].join('\n'),
      )
      expect(tracks.map((track) => track.number)).toEqual([999])
      expect(errors).toEqual([
        {
          line: 1,
          code: 'trackNumberTooLarge',
          params: { number: '9'.repeat(20), max: 999 },
          message: `Track number ${'9'.repeat(20)} is too large: tracks go up to 999.`,
        },
        expect.objectContaining({ line: 2, message: 'Track number 1000 is too large: tracks go up to 999.' }),
        {
          line: 4,
          code: 'discTooLarge',
          params: { disc: '100', max: 99 },
          message: 'Disc 100 is too large: discs go up to 99.',
        },
      ])
    })

    it('should not throw on odd input', () => {
      const odd = [
        '()',
        '(',
        ')',
        '.',
        '-',
        '–',
        '1.',
        '1-',
        ':',
        '1:',
        ':30',
        '…',
        '\u0000',
        '1. (((1:12)',
        '9'.repeat(400),
      ]
      for (const text of odd) {
        expect(() => parseTrackList(text)).not.toThrow()
        const { tracks, errors } = parseTrackList(text)
        expect(tracks.length + errors.length).toBe(1)
      }
    })
  })
})
