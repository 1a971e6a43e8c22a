'use client'

import { useRowLabel } from '@payloadcms/ui'

import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

type CueRow = { label?: null | string; filmTimecode?: null | string }

/** "15:00 · The Paris chase" instead of "Cue 03": the collapsed cues read like a cue sheet. */
export const CueRowLabel = () => {
  const { data, rowNumber } = useRowLabel<CueRow>()
  const { t } = useSoundtrackTranslation()
  const parts = [data?.filmTimecode, data?.label].filter((part): part is string => Boolean(part && part.trim()))
  const number = String((rowNumber ?? 0) + 1).padStart(2, '0')
  return (
    <span className="cue-row-label">
      {parts.length ? parts.join(' · ') : t('soundtrackReviews:cue.unnamed', { number })}
    </span>
  )
}
