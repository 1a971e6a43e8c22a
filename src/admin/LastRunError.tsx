'use client'

import type { TextareaFieldClientComponent } from 'payload'

import { Banner, useField, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { isValidTimeZone } from '../schedule/cadence.js'
import { formatSlotLabel } from '../schedule/format.js'

/** The schedule's `lastError`, shown once: as a banner above the coming weeks, with when the run was. */
export const LastRunError: TextareaFieldClientComponent = ({ field, path }) => {
  const { value } = useField<null | string>({ path })
  const lastRunAt = useFormFields(([fields]) => fields.lastRunAt?.value)
  const timezone = useFormFields(([fields]) => fields.timezone?.value)
  if (!value) {
    return null
  }
  const zone = typeof timezone === 'string' && isValidTimeZone(timezone) ? timezone : 'UTC'
  const when = typeof lastRunAt === 'string' ? ` (${formatSlotLabel(new Date(lastRunAt), zone)})` : ''
  const description = field.admin?.description
  return (
    <Banner className="schedule-overview__error" type="error">
      <strong>The last publishing run failed</strong>
      {when}: {value}
      {typeof description === 'string' && <p className="schedule-overview__error-hint">{description}</p>}
    </Banner>
  )
}
