'use client'

import type { MissedSlot } from '../webhooks/missedSlots.js'

import { Banner, useAuth } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { hasRole } from '../access/roles.js'
import { fetchJSON, useApiURL } from './api.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

type Alerts = {
  missedSlots: MissedSlot[]
  disabledEndpoints: { id: number | string; url: string; disabledReason: string }[]
}

/**
 * Admins' banner (dashboard, webhook endpoints list): slots the publishing job missed by five minutes
 * (its queue is not running), and webhook endpoints the plugin switched off. Nothing when all is well.
 */
export const WebhookAlerts = () => {
  const { user } = useAuth()
  const isAdmin = hasRole(user as Record<string, unknown> | null, 'admin')
  const apiURL = useApiURL()
  const { t, i18n } = useSoundtrackTranslation()
  const [alerts, setAlerts] = useState<Alerts | null>(null)

  useEffect(() => {
    if (!isAdmin) {
      return
    }
    let isCurrent = true
    void fetchJSON<Alerts>(apiURL('/webhook-endpoints/alerts')).then(({ status, body }) => {
      if (isCurrent && status === 200) {
        setAlerts(body)
      }
    })
    return () => {
      isCurrent = false
    }
  }, [apiURL, isAdmin])

  if (!alerts) {
    return null
  }
  const when = (instant: string) =>
    new Date(instant).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <>
      {alerts.missedSlots.length > 0 && (
        <Banner type="error">
          <strong>{t('soundtrackReviews:webhooks.banner.missedTitle')}</strong>
          <ul>
            {alerts.missedSlots.map(({ review, slot }) => (
              <li key={`${review.id}-${slot}`}>
                {t('soundtrackReviews:webhooks.banner.missed', { title: review.title, slot: when(slot) })}
              </li>
            ))}
          </ul>
          <p>{t('soundtrackReviews:webhooks.banner.missedHint')}</p>
        </Banner>
      )}
      {alerts.disabledEndpoints.length > 0 && (
        <Banner type="error">
          <strong>{t('soundtrackReviews:webhooks.banner.disabledTitle')}</strong>
          <ul>
            {alerts.disabledEndpoints.map(({ id, url, disabledReason }) => (
              <li key={id}>{t('soundtrackReviews:webhooks.banner.disabled', { url, reason: disabledReason })}</li>
            ))}
          </ul>
        </Banner>
      )}
    </>
  )
}
