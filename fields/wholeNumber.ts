import type { NumberField } from 'payload'

export type Bounds = { min: number; max: number }

/** Track numbers and discs as printed on albums; the import's parser checks the same bounds. */
export const TRACK_NUMBERS: Bounds = { min: 1, max: 999 }
export const DISCS: Bounds = { min: 1, max: 99 }

export type WholeNumberOptions = Bounds & {
  name: string
  label: string
  required?: boolean
  overrides?: Partial<NumberField>
}

/** Checks a whole number within bounds; strings, objects, fractions and 1e308 are refused by name. */
export const validateWholeNumber = (
  value: unknown,
  { label, min, max, required = false }: Omit<WholeNumberOptions, 'name' | 'overrides'>,
): string | true => {
  if (value === null || value === undefined) {
    return required ? `${label} is required.` : true
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const given = typeof value === 'number' ? String(value) : `a ${Array.isArray(value) ? 'list' : typeof value}`
    return `${label} must be a whole number from ${min} to ${max}, got ${given}.`
  }
  return true
}

/** A number field holding a whole number between `min` and `max` (track, disc, year, series part). */
export const wholeNumber = ({ name, label, min, max, required = false, overrides }: WholeNumberOptions): NumberField =>
  ({
    name,
    type: 'number',
    required,
    min,
    max,
    admin: { step: 1 },
    validate: (value: unknown) => validateWholeNumber(value, { label, min, max, required }),
    ...overrides,
  }) as NumberField
