import type { NumberField } from 'payload'

export type RatingOptions = {
  scale: number
  overrides?: Partial<NumberField>
}

/** Checks a rating on a 0 … scale range in half steps; `null` means "not rated", never 0. */
export const validateRating = (value: null | number | undefined, scale: number): string | true => {
  if (value === null || value === undefined) {
    return true
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return `Rating must be a number from 0 to ${scale}.`
  }
  if (value < 0 || value > scale) {
    return `Rating must be between 0 and ${scale}, got ${value}.`
  }
  if (!Number.isInteger(value * 2)) {
    return `Rating goes in steps of 0.5 (e.g. 7.5), got ${value}.`
  }
  return true
}

/** An optional score out of `scale` (the plugin's `ratingScale`), in steps of 0.5. */
export const rating = ({ scale, overrides }: RatingOptions): NumberField =>
  ({
    name: 'rating',
    type: 'number',
    min: 0,
    max: scale,
    admin: {
      step: 0.5,
      description: `Optional, 0 to ${scale} in steps of 0.5. Leave empty for an unrated review.`,
    },
    validate: (value: null | number | undefined) => validateRating(value, scale),
    ...overrides,
  }) as NumberField
