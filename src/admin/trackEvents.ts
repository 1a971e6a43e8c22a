'use client'

import { useDocumentEvents } from '@payloadcms/ui'
import { useEffect, useRef } from 'react'

/** Our own event for the bulk import: Payload's document events describe one saved document each. */
const TRACKS_IMPORTED = 'soundtrack-reviews:tracks-imported'

type TracksChange = { kind: 'imported'; filmID: number | string } | { kind: 'saved' }

/**
 * Calls `onChange` when tracks change in this browser tab after mount: one saved in a drawer or
 * edit view (Payload's document events), or a track list imported on a film.
 */
export const useTracksChanged = (tracksSlug: string, onChange: (change: TracksChange) => void): void => {
  const { mostRecentUpdate } = useDocumentEvents()
  const seen = useRef(mostRecentUpdate)
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  })
  useEffect(() => {
    if (mostRecentUpdate && mostRecentUpdate !== seen.current && mostRecentUpdate.entitySlug === tracksSlug) {
      seen.current = mostRecentUpdate
      latest.current({ kind: 'saved' })
    }
  }, [mostRecentUpdate, tracksSlug])
  useEffect(() => {
    const onImported = (event: Event) => {
      latest.current({ kind: 'imported', filmID: (event as CustomEvent<{ filmID: number | string }>).detail.filmID })
    }
    window.addEventListener(TRACKS_IMPORTED, onImported)
    return () => window.removeEventListener(TRACKS_IMPORTED, onImported)
  }, [])
}

/** Tells the film's track table and runtime fields that a track list was imported. */
export const reportTracksImported = (filmID: number | string): void => {
  window.dispatchEvent(new CustomEvent(TRACKS_IMPORTED, { detail: { filmID } }))
}
