'use client'

import type { UIFieldClientComponent } from 'payload'

import { Button, CheckboxInput, toast, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useMemo, useState } from 'react'

import type { TrackListError } from '../tracklist/parseTrackList.js'
import { formatClock } from '../../fields/duration.js'
import { parseTrackList } from '../tracklist/parseTrackList.js'
import { fetchJSON, useApiURL } from './api.js'
import { reportTracksImported } from './trackEvents.js'

const baseClass = 'tracklist-import'

type ImportResponse = {
  created?: number
  trackCount?: number
  totalRuntime?: string
  errors?: { line?: number; message: string }[]
}

type PreviewRow =
  | { line: number; disc: number; number: number; title: string; duration: string; error?: undefined }
  | { line: number; error: string }

const tracksLabel = (count: number): string => `${count} ${count === 1 ? 'track' : 'tracks'}`

// The endpoint speaks to API clients; here the same advice points at the checkbox.
const forEditors = (message: string): string =>
  message.replace('Send "replace": true to replace', 'Tick “Replace existing tracks” to replace')

const previewRows = (text: string, serverErrors: TrackListError[]): PreviewRow[] => {
  const { tracks, errors } = parseTrackList(text)
  const serverErrorOf = new Map(serverErrors.map((error) => [error.line, error.message]))
  const rows: PreviewRow[] = [
    ...tracks.map((track) => {
      const serverError = serverErrorOf.get(track.line)
      return serverError
        ? { line: track.line, error: forEditors(serverError) }
        : { ...track, duration: formatClock(track.durationSeconds) }
    }),
    ...errors.map((error) => ({ line: error.line, error: error.message })),
  ]
  return rows.sort((a, b) => a.line - b.line)
}

/**
 * "Import track list" on a saved film: paste, check the live preview (the same parser as
 * `POST /api/films/:id/tracklist`), import in one request, and see the track table and runtime update.
 */
export const TrackListImport: UIFieldClientComponent = () => {
  const { id: filmID, collectionSlug } = useDocumentInfo()
  const trackCount = useFormFields(([fields]) => fields.trackCount?.value)
  const existing = typeof trackCount === 'number' ? trackCount : 0
  const apiURL = useApiURL()
  const [isOpen, setIsOpen] = useState<boolean | null>(null)
  const [text, setText] = useState('')
  const [isReplacing, setIsReplacing] = useState(false)
  const [isImporting, setIsImporting] = useState(false)
  const [serverErrors, setServerErrors] = useState<TrackListError[]>([])

  const parsed = useMemo(() => parseTrackList(text), [text])
  const rows = useMemo(() => previewRows(text, serverErrors), [text, serverErrors])
  const totalSeconds = parsed.tracks.reduce((sum, track) => sum + track.durationSeconds, 0)
  const generalErrors = serverErrors.filter((error) => !(error.line > 0))
  const canImport = !isImporting && parsed.tracks.length > 0 && parsed.errors.length === 0

  if (filmID === undefined || filmID === null) {
    return (
      <div className={`${baseClass} field-type`}>
        <h4 className={`${baseClass}__title`}>Import track list</h4>
        <p className={`${baseClass}__hint`}>Save the film first; then paste its album track list here.</p>
      </div>
    )
  }

  const isShown = isOpen ?? existing === 0

  const submit = async () => {
    setIsImporting(true)
    setServerErrors([])
    try {
      const { status, body } = await fetchJSON<ImportResponse>(
        apiURL(`/${collectionSlug}/${encodeURIComponent(String(filmID))}/tracklist`),
        { method: 'POST', body: JSON.stringify({ text, replace: isReplacing }) },
      )
      if (status === 200) {
        toast.success(
          `Imported ${tracksLabel(body.created ?? 0)}: the film now has ${tracksLabel(body.trackCount ?? 0)}, ${body.totalRuntime} in all.`,
        )
        setText('')
        setIsReplacing(false)
        setIsOpen(false)
        reportTracksImported(filmID)
        return
      }
      const errors = (body.errors ?? []).map((error) => ({ line: error.line ?? 0, message: forEditors(error.message) }))
      setServerErrors(errors.length ? errors : [{ line: 0, message: `The import failed (HTTP ${status}).` }])
      toast.error('Nothing was imported: fix the lines marked below.')
    } catch (error) {
      setServerErrors([{ line: 0, message: `The import did not reach the server: ${String(error)}` }])
    } finally {
      setIsImporting(false)
    }
  }

  return (
    <div className={`${baseClass} field-type`}>
      <div className={`${baseClass}__header`}>
        <h4 className={`${baseClass}__title`}>Import track list</h4>
        <Button buttonStyle="secondary" margin={false} onClick={() => setIsOpen(!isShown)} size="small">
          {isShown ? 'Hide' : 'Paste a track list…'}
        </Button>
      </div>
      {isShown && (
        <>
          <p className={`${baseClass}__hint`}>
            One track per line, e.g. <code>1. A Storm Is Coming (1:12)</code>, <code>2-05 Title 4:19</code> for disc 2.
          </p>
          <textarea
            aria-label="Track list"
            className={`${baseClass}__text`}
            name="tracklistText"
            onChange={(event) => {
              setText(event.target.value)
              setServerErrors([])
            }}
            placeholder={'1. A Storm Is Coming (1:12)\n2. Your Mission (2:14)'}
            rows={10}
            spellCheck={false}
            value={text}
          />
          <CheckboxInput
            checked={isReplacing}
            id="tracklist-replace"
            label={existing > 0 ? `Replace existing tracks (${existing} on this film)` : 'Replace existing tracks'}
            onToggle={(event) => setIsReplacing(event.target.checked)}
          />
          {text.trim() !== '' && (
            <p className={`${baseClass}__summary`} role="status">
              {parsed.errors.length > 0
                ? `${parsed.errors.length} of ${parsed.errors.length + parsed.tracks.length} lines need fixing.`
                : `${tracksLabel(parsed.tracks.length)}, ${formatClock(totalSeconds)} in all.`}
            </p>
          )}
          {generalErrors.map((error) => (
            <p className={`${baseClass}__error`} key={error.message} role="alert">
              {error.message}
            </p>
          ))}
          {rows.length > 0 && (
            <table className={`${baseClass}__preview`}>
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Disc</th>
                  <th>#</th>
                  <th>Title</th>
                  <th>Duration</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) =>
                  row.error !== undefined ? (
                    <tr className={`${baseClass}__row--error`} key={row.line}>
                      <td>{row.line}</td>
                      <td colSpan={4}>{row.error}</td>
                    </tr>
                  ) : (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.disc}</td>
                      <td>{row.number}</td>
                      <td>{row.title}</td>
                      <td>{row.duration}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          )}
          <Button buttonStyle="primary" disabled={!canImport} margin={false} onClick={() => void submit()}>
            {isImporting
              ? 'Importing…'
              : parsed.tracks.length > 0 && parsed.errors.length === 0
                ? `Import ${tracksLabel(parsed.tracks.length)}`
                : 'Import'}
          </Button>
        </>
      )}
    </div>
  )
}
