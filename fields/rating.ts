import type { I18nClient } from '@payloadcms/translations'
import type { NumberField, PayloadRequest } from 'payload'

import { pluginT, translated } from './translate.js'

export type RatingOptions = {
  scale: number
  overrides?: Partial<NumberField>
}

/** Checks a rating on a 0 … scale range in half steps; `null` means "not rated", never 0. Refusals in `i18n`'s language. */
export const validateRating = (
  value: null | number | undefined,
  scale: number,
  { t }: Pick<I18nClient, 't'>,
): string | true => {
  if (value === null || value === undefined) {
    return true
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return pluginT(t)('soundtrackReviews:validation.ratingNotANumber', { scale })
  }
  if (value < 0 || value > scale) {
    return pluginT(t)('soundtrackReviews:validation.ratingOutOfRange', { scale, value })
  }
  if (!Number.isInteger(value * 2)) {
    return pluginT(t)('soundtrackReviews:validation.ratingStep', { value })
  }
  return true
}

/** An optional score out of `scale` (the plugin's `ratingScale`), in steps of 0.5. */
export const rating = ({ scale, overrides }: RatingOptions): NumberField =>
  ({
    name: 'rating',
    type: 'number',
    label: translated('soundtrackReviews:field.rating'),
    min: 0,
    max: scale,
    admin: {
      step: 0.5,
      description: translated('soundtrackReviews:description.rating', { scale }),
    },
    validate: (value: null | number | undefined, { req }: { req: PayloadRequest }) =>
      validateRating(value, scale, req.i18n),
    ...overrides,
  }) as NumberField
