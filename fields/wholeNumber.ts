import type { I18nClient } from '@payloadcms/translations'
import type { LabelFunction, NumberField, PayloadRequest } from 'payload'

import { getTranslation } from '@payloadcms/translations'

import { describeGiven, pluginT } from './translate.js'

export type Bounds = { min: number; max: number }

/** Track numbers and discs as printed on albums; the import's parser checks the same bounds. */
export const TRACK_NUMBERS: Bounds = { min: 1, max: 999 }
export const DISCS: Bounds = { min: 1, max: 99 }

export type WholeNumberOptions = Bounds & {
  name: string
  label: LabelFunction
  required?: boolean
  overrides?: Partial<NumberField>
}

/** Checks a whole number within bounds; strings, objects, fractions and 1e308 are refused by name, in `i18n`'s language. */
export const validateWholeNumber = (
  value: unknown,
  { label, min, max, required = false }: Omit<WholeNumberOptions, 'name' | 'overrides'>,
  i18n: I18nClient,
): string | true => {
  const t = pluginT(i18n.t)
  if (value === null || value === undefined) {
    return required
      ? t('soundtrackReviews:validation.wholeNumberRequired', { label: getTranslation(label, i18n) })
      : true
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const given = typeof value === 'number' ? String(value) : describeGiven(i18n.t, value)
    return t('soundtrackReviews:validation.wholeNumber', { label: getTranslation(label, i18n), min, max, given })
  }
  return true
}

/** A number field holding a whole number between `min` and `max` (track, disc, year, series part). */
export const wholeNumber = ({ name, label, min, max, required = false, overrides }: WholeNumberOptions): NumberField =>
  ({
    name,
    type: 'number',
    label,
    required,
    min,
    max,
    admin: { step: 1 },
    validate: (value: unknown, { req }: { req: PayloadRequest }) =>
      validateWholeNumber(value, { label, min, max, required }, req.i18n),
    ...overrides,
  }) as NumberField
