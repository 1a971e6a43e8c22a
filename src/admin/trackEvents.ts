'use client'

import type { DocumentEvent } from 'payload'

import { useDocumentEvents } from '@payloadcms/ui'
import { useEffect, useRef } from 'react'

const TRACKS = 'tracks'

/** A bulk change to a film's tracks (the import) carries no single document id. */
export const isBulkTracksEvent = (event: DocumentEvent): boolean => event.entitySlug === TRACKS && event.id === undefined

/**
 * Calls `onChange` for every track saved in this browser tab after mount (drawers, the import),
 * never for the event that was already there when the component mounted.
 */
export const useTracksChanged = (onChange: (event: DocumentEvent) => void): void => {
  const { mostRecentUpdate } = useDocumentEvents()
  const seen = useRef(mostRecentUpdate)
  const latest = useRef(onChange)
  latest.current = onChange
  useEffect(() => {
    if (mostRecentUpdate && mostRecentUpdate !== seen.current && mostRecentUpdate.entitySlug === TRACKS) {
      seen.current = mostRecentUpdate
      latest.current(mostRecentUpdate)
    }
  }, [mostRecentUpdate])
}

/** Tells the film's track table and runtime that tracks were created or replaced in bulk. */
export const useReportTracksImported = (): (() => void) => {
  const { reportUpdate } = useDocumentEvents()
  return () => reportUpdate({ entitySlug: TRACKS, operation: 'create', updatedAt: new Date().toISOString() })
}
