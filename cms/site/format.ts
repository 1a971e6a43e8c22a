import { toISO8601Duration } from 'payload-soundtrack-reviews'

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "3 August 2018": a review's date as the column prints it (UTC, so every instance prints the same). */
export const formatDate = (iso: null | string): null | string => {
  const time = iso ? Date.parse(iso) : NaN
  return Number.isNaN(time) ? null : DATE.format(time)
}

/** `PT1M12S` for a `<time datetime>`; null without a duration. */
export const isoDuration = (seconds: null | number | undefined): null | string =>
  typeof seconds === 'number' && seconds > 0 ? toISO8601Duration(seconds) : null

/** "1 track", "26 tracks". */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`

/** "Lorne Balfe", "Tyler Bates and Joel J. Richard", "A, B and C". */
export const listOf = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
