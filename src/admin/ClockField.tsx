'use client'

import type { TextFieldClientComponent } from 'payload'

import type { ClockRefusal } from '../../fields/duration.js'

import { getTranslation } from '@payloadcms/translations'
import { TextInput, useField, useForm } from '@payloadcms/ui'
import React, { Fragment, useCallback, useState } from 'react'

import { clockReason, formatClock, parseClock } from '../../fields/duration.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

type ClockFieldProps = { secondsName: string }

const siblingPath = (path: string, name: string): string => {
  const segments = path.split('.')
  return [...segments.slice(0, -1), name].join('.')
}

/**
 * A clock value typed as text (`4:19`, `1:02:03`): normalised on blur, refused inline with the parser's
 * own reason, and its stored seconds kept in step (works inside arrays: the seconds are a sibling).
 */
export const ClockField: TextFieldClientComponent = (props) => {
  const { field, path: pathFromProps, readOnly } = props
  const { secondsName } = props as unknown as ClockFieldProps
  const { i18n, t } = useSoundtrackTranslation()
  const label = field.label ? getTranslation(field.label, i18n) : field.name
  const refusal = useCallback(
    (parsed: ClockRefusal) => t('soundtrackReviews:clock.invalid', { label, reason: clockReason(t, parsed) }),
    [label, t],
  )
  const validate = useCallback(
    (value: null | string | undefined) => {
      if (typeof value !== 'string' || value.trim() === '') {
        return true
      }
      const parsed = parseClock(value)
      return parsed.ok ? true : refusal(parsed)
    },
    [refusal],
  )
  const { path, value, setValue, showError, errorMessage, disabled, customComponents } = useField<null | string>({
    potentiallyStalePath: pathFromProps,
    validate,
  })
  const secondsPath = siblingPath(path, secondsName)
  const seconds = useField<null | number>({ path: secondsPath })
  const { dispatchFields } = useForm()
  const [blurError, setBlurError] = useState<string | null>(null)

  const onBlur = () => {
    const text = typeof value === 'string' ? value.trim() : ''
    if (text === '') {
      setBlurError(null)
      if (seconds.value !== null && seconds.value !== undefined) {
        seconds.setValue(null)
      }
      return
    }
    const parsed = parseClock(text)
    if (!parsed.ok) {
      setBlurError(refusal(parsed))
      return
    }
    setBlurError(null)
    const normalised = formatClock(parsed.seconds)
    if (normalised !== value) {
      setValue(normalised)
    }
    // A refusal of an earlier text (after a failed save) is stale now; the next form-state check agrees.
    dispatchFields({ type: 'UPDATE', path, valid: true, errorMessage: undefined })
    if (seconds.value !== parsed.seconds) {
      seconds.setValue(parsed.seconds)
      // The seconds' last refusal ("required") was about the old value; the server checks the new one on save.
      dispatchFields({ type: 'UPDATE', path: secondsPath, valid: true, errorMessage: undefined })
    }
  }

  // Shown under the input rather than in Payload's tooltip, which cuts a sentence short in a narrow field.
  // The hidden seconds field's own refusal ("Duration is required") is shown here too.
  const message =
    blurError ?? (showError ? errorMessage : undefined) ?? (seconds.showError ? seconds.errorMessage : undefined)
  return (
    <div className="clock-field" onBlur={onBlur}>
      <TextInput
        AfterInput={customComponents?.AfterInput}
        BeforeInput={customComponents?.BeforeInput}
        Description={customComponents?.Description}
        description={field.admin?.description}
        Error={customComponents?.Error ?? <Fragment />}
        Label={customComponents?.Label}
        label={field.label}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          setBlurError(null)
          setValue(event.target.value)
        }}
        path={path}
        placeholder={field.admin?.placeholder}
        readOnly={readOnly || disabled}
        required={field.required}
        showError={Boolean(message)}
        value={value ?? ''}
      />
      {message && (
        <p className="clock-field__error" role="alert">
          {message}
        </p>
      )}
    </div>
  )
}
