'use client'

import type { UIFieldClientComponent } from 'payload'

import { useDocumentInfo, useFormFields, useModal } from '@payloadcms/ui'
import { useCallback, useEffect, useRef } from 'react'

import { fetchJSON, useApiURL } from './api.js'
import { useTracksChanged } from './trackEvents.js'

type RuntimeSyncProps = {
  /** Where the film id is read from (a review's `film`); the document itself when unset (a film). */
  filmPath?: string
  /** The configured slugs of films and tracks (the plugin's slug overrides). */
  filmsSlug: string
  tracksSlug: string
}

const DERIVED = ['trackCount', 'totalRuntimeSeconds', 'totalRuntime'] as const

type FilmRuntime = Partial<Record<(typeof DERIVED)[number], null | number | string>>

const idOf = (value: unknown): null | number | string => {
  if (value && typeof value === 'object' && 'id' in value) {
    return (value as { id: number | string }).id
  }
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : null
}

/**
 * Keeps the read-only runtime fields (`trackCount`, `totalRuntime`) in step with the film without a
 * reload: after tracks are saved in this tab (drawer, import), after a drawer closes (a track deleted
 * there) and when a review's film changes.
 */
export const RuntimeSync: UIFieldClientComponent = (props) => {
  const { filmPath, filmsSlug, tracksSlug } = props as unknown as RuntimeSyncProps
  const { id: documentID } = useDocumentInfo()
  const filmFromForm = useFormFields(([fields]) => (filmPath ? fields[filmPath]?.value : undefined))
  const hasDerivedFields = useFormFields(([fields]) => DERIVED.some((name) => name in fields))
  const dispatch = useFormFields(([, dispatchFields]) => dispatchFields)
  const apiURL = useApiURL()
  const filmID = filmPath ? idOf(filmFromForm) : idOf(documentID)

  const show = useCallback(
    (runtime: FilmRuntime) => {
      for (const name of DERIVED) {
        const value = runtime[name] ?? null
        dispatch({ type: 'UPDATE', path: name, value, initialValue: value })
      }
    },
    [dispatch],
  )

  const refresh = useCallback(async () => {
    if (!hasDerivedFields) {
      return
    }
    if (filmID === null) {
      show({})
      return
    }
    const select = DERIVED.map((name) => `select[${name}]=true`).join('&')
    const { status, body } = await fetchJSON<FilmRuntime>(
      apiURL(`/${filmsSlug}/${encodeURIComponent(filmID)}?depth=0&${select}`),
    )
    if (status === 200) {
      show(body)
    }
  }, [apiURL, filmID, filmsSlug, hasDerivedFields, show])

  useTracksChanged(tracksSlug, () => void refresh())

  // Payload reports no event for a document deleted in a drawer; the drawer closing is the one sign.
  const { modalState } = useModal()
  const openModals = Object.values(modalState).filter((modal) => modal.isOpen).length
  const wereOpen = useRef(openModals)
  useEffect(() => {
    if (openModals < wereOpen.current) {
      void refresh()
    }
    wereOpen.current = openModals
  }, [openModals, refresh])

  const shownFilm = useRef(filmID)
  useEffect(() => {
    if (shownFilm.current !== filmID) {
      shownFilm.current = filmID
      void refresh()
    }
  }, [filmID, refresh])

  return null
}
