import type { Field, FieldHook, LabelFunction, NumberField, PayloadRequest, RowField, TextField } from 'payload'

import { getTranslation } from '@payloadcms/translations'

import { componentPath } from './componentPath.js'
import { pluginT, translated } from './translate.js'

/** The longest clock value we accept: one second short of a day. */
export const MAX_CLOCK_SECONDS = 86_399

/** Why a clock value was refused: `code` names it for translation, `reason` is the English. */
export type ClockRefusal = {
  ok: false
  code: 'notATime' | 'secondsOver59' | 'tooLong'
  params: { value: string; seconds?: string }
  reason: string
}

export type ParsedClock = { ok: true; seconds: number } | ClockRefusal

const CLOCK = /^(?:(\d+):([0-5]\d):([0-5]\d)|(\d+):(\d{2}))$/

/**
 * Reads `m:ss`, `mm:ss` or `h:mm:ss` into seconds. Seconds (and minutes after hours) are two digits
 * below 60, so `1:75` and `1:5` are refused rather than guessed at.
 */
export const parseClock = (input: string): ParsedClock => {
  const text = input.trim()
  const match = CLOCK.exec(text)
  if (!match) {
    return {
      ok: false,
      code: 'notATime',
      params: { value: input },
      reason: `“${input}” is not a time like 4:19 or 1:02:03`,
    }
  }
  const [, h, hm, hs, m, s] = match
  if (m !== undefined && Number(s) > 59) {
    return {
      ok: false,
      code: 'secondsOver59',
      params: { value: input, seconds: s },
      reason: `“${input}” has ${s} seconds; seconds go up to 59`,
    }
  }
  const seconds = h !== undefined ? Number(h) * 3600 + Number(hm) * 60 + Number(hs) : Number(m) * 60 + Number(s)
  if (seconds > MAX_CLOCK_SECONDS) {
    return { ok: false, code: 'tooLong', params: { value: input }, reason: `“${input}” is longer than 23:59:59` }
  }
  return { ok: true, seconds }
}

/** The refusal's reason in the reader's language (`t` is Payload's). */
export const clockReason = (
  t: unknown,
  { code, params }: { code: ClockRefusal['code']; params: Record<string, unknown> },
): string => pluginT(t)(`soundtrackReviews:clock.${code}`, params)

/** `72` → `"1:12"`, `5745` → `"1:35:45"`: hours appear only when there are any. */
export const formatClock = (totalSeconds: number): string => {
  const whole = Math.max(0, Math.round(totalSeconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const seconds = String(whole % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** ISO 8601 duration as schema.org wants it: `72` → `"PT1M12S"`, `5745` → `"PT1H35M45S"`. */
export const toISO8601Duration = (totalSeconds: number): string => {
  const whole = Math.max(0, Math.round(totalSeconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const seconds = whole % 60
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || whole === 0 ? `${seconds}S` : ''}`
  return `PT${parts}`
}

type ClockPairOptions = {
  /** Name of the typed value, e.g. `duration` ("4:19"). */
  textName: string
  /** Name of the stored integer, e.g. `durationSeconds`. */
  secondsName: string
  label: LabelFunction
  minSeconds: number
  required: boolean
  description: LabelFunction
  overrides?: {
    text?: Partial<TextField>
    seconds?: Partial<NumberField>
  }
}

const isGiven = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * A clock value entered as text and stored twice: integer seconds (for sums and queries) and the
 * normalised text (for reads, `select` and the admin). Whichever of the two a write changed wins;
 * when both changed, the text does, since that is what a person typed.
 */
const clockPair = ({
  textName,
  secondsName,
  label,
  minSeconds,
  required,
  description,
  overrides = {},
}: ClockPairOptions): RowField => {
  const fromText: FieldHook = ({ siblingData, previousSiblingDoc, value }) => {
    const text = siblingData?.[textName]
    if (isGiven(text) && text !== previousSiblingDoc?.[textName]) {
      const parsed = parseClock(text)
      if (parsed.ok) {
        return parsed.seconds
      }
    }
    if (text === null && value === previousSiblingDoc?.[secondsName]) {
      return null
    }
    return value
  }

  // Text that does not parse is left as typed, so the field's validate can refuse it by name.
  const normaliseText: FieldHook = ({ siblingData, value }) => {
    if (isGiven(value) && !parseClock(value).ok) {
      return value
    }
    const seconds = siblingData?.[secondsName]
    return typeof seconds === 'number' ? formatClock(seconds) : null
  }

  const text: TextField = {
    name: textName,
    type: 'text',
    label,
    required: false,
    admin: {
      description,
      placeholder: minSeconds === 0 ? '0:00' : '4:19',
      components: { Field: { path: componentPath('ClockField'), clientProps: { secondsName } } },
    },
    validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) => {
      if (!isGiven(value)) {
        return true
      }
      const parsed = parseClock(value)
      return parsed.ok
        ? true
        : pluginT(req.t)('soundtrackReviews:clock.invalid', {
            label: getTranslation(label, req.i18n),
            reason: clockReason(req.t, parsed),
          })
    },
    hooks: { beforeChange: [normaliseText] },
    ...overrides.text,
  } as TextField

  const seconds: NumberField = {
    name: secondsName,
    type: 'number',
    label: ({ i18n, t }) => pluginT(t)('soundtrackReviews:clock.inSeconds', { label: getTranslation(label, i18n) }),
    required,
    min: minSeconds,
    max: MAX_CLOCK_SECONDS,
    admin: { readOnly: true, step: 1, components: { Field: componentPath('ClockSecondsField') } },
    validate: (
      value: null | number | undefined,
      { req, siblingData }: { req: PayloadRequest; siblingData: Record<string, unknown> },
    ) => {
      const t = pluginT(req.t)
      const vars = { label: getTranslation(label, req.i18n), value }
      if (value === null || value === undefined) {
        // A typed value that did not parse already has its own message on the text field.
        const isTextRefused = isGiven(siblingData?.[textName])
        return required && !isTextRefused ? t('soundtrackReviews:clock.required', vars) : true
      }
      if (!Number.isInteger(value)) {
        return t('soundtrackReviews:clock.notWhole', vars)
      }
      if (value < minSeconds || value > MAX_CLOCK_SECONDS) {
        const range = { min: formatClock(minSeconds), max: formatClock(MAX_CLOCK_SECONDS) }
        return t('soundtrackReviews:clock.outOfRange', { ...vars, ...range })
      }
      return true
    },
    hooks: { beforeValidate: [fromText] },
    ...overrides.seconds,
  } as NumberField

  return { type: 'row', fields: [text, seconds] }
}

export type DurationOptions = {
  required?: boolean
  overrides?: ClockPairOptions['overrides']
}

/** A track's length: `duration` ("4:19") and `durationSeconds` (259), 0:01 … 23:59:59. */
export const duration = ({ required = true, overrides }: DurationOptions = {}): Field =>
  clockPair({
    textName: 'duration',
    secondsName: 'durationSeconds',
    label: translated('soundtrackReviews:field.duration'),
    minSeconds: 1,
    required,
    description: translated('soundtrackReviews:description.duration'),
    overrides,
  })

export { clockPair }
