'use client'

import type { TextareaFieldClientComponent } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import { Banner, useField, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { isValidTimeZone } from '../schedule/cadence.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

/** The schedule's `lastError`, shown once: as a banner above the coming weeks, with when the run was. */
export const LastRunError: TextareaFieldClientComponent = ({ field, path }) => {
  const { value } = useField<null | string>({ path })
  const lastRunAt = useFormFields(([fields]) => fields.lastRunAt?.value)
  const timezone = useFormFields(([fields]) => fields.timezone?.value)
  const { i18n, t, formatSlot } = useSoundtrackTranslation()
  if (!value) {
    return null
  }
  const zone = typeof timezone === 'string' && isValidTimeZone(timezone) ? timezone : 'UTC'
  const when = typeof lastRunAt === 'string' ? ` (${formatSlot(lastRunAt, zone)})` : ''
  const description = field.admin?.description ? getTranslation(field.admin.description, i18n) : undefined
  return (
    <Banner className="schedule-overview__error" type="error">
      <strong>{t('soundtrackReviews:schedule.lastRunFailed')}</strong>
      {when}: {value}
      {description && <p className="schedule-overview__error-hint">{description}</p>}
    </Banner>
  )
}
