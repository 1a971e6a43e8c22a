'use client'

import type { UIFieldClientComponent } from 'payload'

import type { SoundtrackTranslation } from './useSoundtrackTranslation.js'

import { Button, toast, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

import { fetchJSON, useApiURL } from './api.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

type Attempt = { statusCode?: null | number; durationMs?: number; error?: null | string }
type DeliveryAnswer = { delivery?: { attempts?: Attempt[] }; errors?: { message: string }[] }

/** A toast for the attempt an action made (the last one the delivery records). */
const reportAttempt = (t: SoundtrackTranslation['t'], status: number, body: DeliveryAnswer): void => {
  const attempt = body.delivery?.attempts?.at(-1)
  if (status !== 200 || !attempt) {
    toast.error(body.errors?.[0]?.message ?? t('soundtrackReviews:webhooks.action.failed', { status }))
  } else if (attempt.error) {
    toast.error(t('soundtrackReviews:webhooks.action.notDelivered', { error: attempt.error }))
  } else {
    toast.success(
      t('soundtrackReviews:webhooks.action.delivered', { status: attempt.statusCode, duration: attempt.durationMs }),
    )
  }
}

/** Posts to one of the document's actions while showing it is busy; the page reloads to show what changed. */
const usePost = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const apiURL = useApiURL()
  const [isBusy, setIsBusy] = useState(false)
  const post = async <T,>(action: string): Promise<{ status: number; body: T }> => {
    setIsBusy(true)
    try {
      return await fetchJSON<T>(apiURL(`/${collectionSlug}/${encodeURIComponent(String(id))}/${action}`), {
        method: 'POST',
      })
    } finally {
      setIsBusy(false)
    }
  }
  return { id, isBusy, post }
}

/** On a webhook endpoint: send it a `webhook.test` now, or rotate its signing secret. */
export const WebhookEndpointActions: UIFieldClientComponent = () => {
  const { t } = useSoundtrackTranslation()
  const { id, isBusy, post } = usePost()
  if (id === undefined || id === null) {
    return <p className="field-description">{t('soundtrackReviews:webhooks.action.saveFirst')}</p>
  }
  const sendTest = async () => {
    const { status, body } = await post<DeliveryAnswer>('test')
    reportAttempt(t, status, body)
  }
  const rotate = async () => {
    if (!window.confirm(t('soundtrackReviews:webhooks.action.rotateConfirm'))) {
      return
    }
    const { status, body } = await post<{ previousSecretExpiresAt?: string; errors?: { message: string }[] }>(
      'rotate-secret',
    )
    if (status !== 200 || !body.previousSecretExpiresAt) {
      toast.error(body.errors?.[0]?.message ?? t('soundtrackReviews:webhooks.action.failed', { status }))
      return
    }
    toast.success(
      t('soundtrackReviews:webhooks.action.rotated', {
        until: new Date(body.previousSecretExpiresAt).toLocaleString(),
      }),
    )
    window.location.reload()
  }
  return (
    <div className="webhook-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', marginBottom: '1rem' }}>
      <Button buttonStyle="secondary" disabled={isBusy} margin={false} onClick={() => void sendTest()} size="small">
        {isBusy ? t('soundtrackReviews:webhooks.action.sending') : t('soundtrackReviews:webhooks.action.sendTest')}
      </Button>
      <Button buttonStyle="secondary" disabled={isBusy} margin={false} onClick={() => void rotate()} size="small">
        {t('soundtrackReviews:webhooks.action.rotate')}
      </Button>
    </div>
  )
}

/** On a webhook delivery: Resend (same webhook-id, one attempt now); the page then shows the new attempt. */
export const WebhookDeliveryActions: UIFieldClientComponent = () => {
  const { t } = useSoundtrackTranslation()
  const { id, isBusy, post } = usePost()
  if (id === undefined || id === null) {
    return null
  }
  const resend = async () => {
    const { status, body } = await post<DeliveryAnswer>('resend')
    reportAttempt(t, status, body)
    if (status === 200) {
      window.location.reload()
    }
  }
  return (
    <div className="webhook-actions" style={{ marginBottom: '1rem' }}>
      <Button buttonStyle="secondary" disabled={isBusy} margin={false} onClick={() => void resend()} size="small">
        {isBusy ? t('soundtrackReviews:webhooks.action.sending') : t('soundtrackReviews:webhooks.action.resend')}
      </Button>
    </div>
  )
}
