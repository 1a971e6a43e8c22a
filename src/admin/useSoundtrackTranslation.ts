'use client'

import type { I18nClient, TFunction } from '@payloadcms/translations'

import type { SoundtrackReviewsTranslationKeys, SoundtrackReviewsTranslations } from '../translations/index.js'

import { useTranslation } from '@payloadcms/ui'
import { useCallback } from 'react'

import { formatSlotLabel } from '../schedule/format.js'

export type SoundtrackTranslation = {
  i18n: I18nClient<SoundtrackReviewsTranslations, SoundtrackReviewsTranslationKeys>
  /** Payload's `t`, type-checked against our keys: `{{name}}` from `vars`, `_one`/`_other` by `vars.count`. */
  t: TFunction<SoundtrackReviewsTranslationKeys>
  /** An instant as a slot label in the schedule's zone and the admin's language. */
  formatSlot: (instant: Date | number | string, timezone: string) => string
}

/** The admin's language for our components: `t('soundtrackReviews:…')` and dates as the editor reads them. */
export const useSoundtrackTranslation = (): SoundtrackTranslation => {
  const { i18n, t } = useTranslation<SoundtrackReviewsTranslations, SoundtrackReviewsTranslationKeys>()
  const formatSlot = useCallback(
    (instant: Date | number | string, timezone: string) => formatSlotLabel(new Date(instant), timezone, i18n.language),
    [i18n.language],
  )
  return { i18n, t, formatSlot }
}
