import type { FieldHook, PayloadRequest, TextField } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import transliterate from '@sindresorhus/transliterate'
import { ValidationError } from 'payload'

import { pluginT, translated } from './translate.js'

/** How the slug field meets other documents; the queries live with the caller, not here. */
export type SlugLookup = {
  /** Which of `slugs` documents other than `id` hold, published or in their latest draft. */
  taken: (args: {
    collection: string
    id?: number | string
    req: PayloadRequest
    slugs: string[]
  }) => Promise<Set<string>>
  /** A year that tells apart documents of one title (a film's release year): the first suffix tried. `data` is the document as it will be. */
  year?: (args: { data: Record<string, unknown>; req: PayloadRequest }) => Promise<unknown> | unknown
}

export type SlugOptions = {
  /** The field the slug is made from when none is typed, e.g. `title`. */
  from: string
  /** Without it, only the database's unique index keeps slugs apart. */
  lookup?: SlugLookup
  overrides?: Partial<TextField>
}

/** Long titles make long slugs: cut at a word, well under the by-slug endpoint's 200 characters. */
const MAX_LENGTH = 100

const WORD = '[\\p{L}\\p{M}\\p{N}]+'
const SLUG = new RegExp(`^${WORD}(?:-${WORD})*$`, 'u')

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

/** Latin, Cyrillic, Greek… become ASCII; a letter the library would only strip of its marks keeps them (`स्` stays). */
const transliterated = (text: string): string =>
  Array.from(graphemes.segment(text.normalize('NFKC')), ({ segment }) => {
    const ascii = transliterate(segment, { customReplacements: [['&', ' and ']] })
    return /^\p{ASCII}*$/u.test(ascii) ? ascii : segment
  }).join('')

/**
 * `"Mission: Impossible – Fallout"` → `"mission-impossible-fallout"`, `"Солярис"` → `"solyaris"`;
 * scripts with no transliteration keep their letters and marks: `"千と千尋の神隠し"`, `"नमस्ते"` stay as they are.
 */
export const slugify = (text: string): string => {
  const slug = transliterated(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  const characters = Array.from(slug)
  if (characters.length <= MAX_LENGTH) {
    return slug
  }
  const head = characters.slice(0, MAX_LENGTH).join('').replace(/-+$/, '')
  const isWordCut = characters[MAX_LENGTH] !== '-' && head.includes('-')
  return isWordCut ? head.slice(0, head.lastIndexOf('-')) : head
}

/** The slug of a title with no letters or digits: `untitled`, then `untitled-2` … */
const UNTITLED = 'untitled'

/** Suffixes tried in batches, one query each: `-<year>`, then `-<year>-2`, `-<year>-3` … (or `-2`, `-3` …). */
const BATCH = 10

const freeSlug = async ({
  base,
  collection,
  id,
  lookup,
  data,
  req,
}: {
  base: string
  collection: string
  id?: number | string
  lookup: SlugLookup
  data: Record<string, unknown>
  req: PayloadRequest
}): Promise<string> => {
  if (!(await lookup.taken({ collection, id, req, slugs: [base] })).has(base)) {
    return base
  }
  const year = await lookup.year?.({ data, req })
  const stem = Number.isInteger(year) ? `${base}-${String(year)}` : base
  for (let first = Number.isInteger(year) ? 1 : 2; ; first += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, index) => (first + index === 1 ? stem : `${stem}-${first + index}`))
    const taken = await lookup.taken({ collection, id, req, slugs: batch })
    const free = batch.find((candidate) => !taken.has(candidate))
    if (free) {
      return free
    }
  }
}

/**
 * A URL slug: made from `from` when left empty, tidied when typed, unique in its collection. A made
 * slug that is taken gets a suffix; a typed one that is taken is a 400 on `slug`. The database's
 * unique index still guards against two writes racing.
 */
export const slug = ({ from, lookup, overrides }: SlugOptions): TextField => {
  const makeSlug: FieldHook = async ({
    value,
    siblingData,
    previousValue,
    originalDoc,
    data,
    collection,
    field,
    path,
    req,
  }) => {
    const isTyped = typeof value === 'string' && value.trim() !== ''
    const source = siblingData?.[from]
    if (!isTyped && (typeof source !== 'string' || source.trim() === '')) {
      return previousValue ?? value
    }
    // A title of no letters or digits at all (emoji, punctuation) still gets a slug.
    const made = slugify(isTyped ? value : source) || (isTyped ? '' : UNTITLED)
    if (!lookup || !collection || made === '' || made === previousValue) {
      return made
    }
    const id = originalDoc?.id as number | string | undefined
    if (!isTyped) {
      return freeSlug({ base: made, collection: collection.slug, id, lookup, data: { ...originalDoc, ...data }, req })
    }
    if ((await lookup.taken({ collection: collection.slug, id, req, slugs: [made] })).has(made)) {
      const label = getTranslation(collection.labels.singular, req.i18n).toLowerCase()
      throw new ValidationError(
        {
          collection: collection.slug,
          errors: [
            {
              path: path.join('.'),
              label: field.label || undefined,
              message: pluginT(req.t)('soundtrackReviews:validation.slugTaken', { slug: made, label }),
            },
          ],
          req,
        },
        req.t,
      )
    }
    return made
  }
  return {
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    label: translated('soundtrackReviews:field.slug'),
    admin: {
      position: 'sidebar',
      description: translated('soundtrackReviews:description.slug', { from }),
    },
    validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) => {
      if (typeof value !== 'string' || value === '') {
        return pluginT(req.t)('soundtrackReviews:validation.slugRequired', { from })
      }
      return SLUG.test(value) && value === value.toLowerCase()
        ? true
        : pluginT(req.t)('soundtrackReviews:validation.slugInvalid', { value })
    },
    hooks: { beforeValidate: [makeSlug] },
    ...overrides,
  } as TextField
}
