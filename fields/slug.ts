import type { FieldHook, TextField } from 'payload'

export type SlugOptions = {
  /** The field the slug is made from when none is typed, e.g. `title`. */
  from: string
  overrides?: Partial<TextField>
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** `"Mission: Impossible – Fallout"` → `"mission-impossible-fallout"`. */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

/**
 * A URL slug: made from `from` when left empty, tidied when typed, unique in its collection
 * (the database index enforces it; a clash is a 400 on `slug`).
 */
export const slug = ({ from, overrides }: SlugOptions): TextField => {
  const fillFromSource: FieldHook = ({ value, siblingData, previousValue }) => {
    if (typeof value === 'string' && value.trim() !== '') {
      return slugify(value)
    }
    const source = siblingData?.[from]
    if (typeof source === 'string' && source.trim() !== '') {
      return slugify(source)
    }
    return previousValue ?? value
  }
  return {
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    admin: {
      position: 'sidebar',
      description: `Used in URLs. Left empty, it is made from the ${from}.`,
    },
    validate: (value: null | string | undefined) => {
      if (typeof value !== 'string' || value === '') {
        return `Slug is required: give the ${from} or type a slug.`
      }
      return SLUG.test(value) ? true : `Slug “${value}” may only hold lowercase letters, digits and single hyphens.`
    },
    hooks: { beforeValidate: [fillFromSource] },
    ...overrides,
  } as TextField
}
