'use client'

import type { UIFieldClientComponent } from 'payload'

import type { ClockRefusal } from '../../fields/duration.js'
import type { ImportError } from '../endpoints/importTrackList.js'
import type { SoundtrackReviewsTranslationKeys } from '../translations/index.js'
import type { SoundtrackTranslation } from './useSoundtrackTranslation.js'

import { Button, CheckboxInput, toast, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useMemo, useState } from 'react'

import { clockReason, formatClock } from '../../fields/duration.js'
import { parseTrackList } from '../tracklist/parseTrackList.js'
import { en } from '../translations/en.js'
import { fetchJSON, useApiURL } from './api.js'
import { reportTracksImported } from './trackEvents.js'
import { useSoundtrackTranslation } from './useSoundtrackTranslation.js'

const baseClass = 'tracklist-import'

type ImportResponse = {
  created?: number
  trackCount?: number
  totalRuntime?: string
  errors?: ImportError[]
}

/** A refusal as shown: the server's or the parser's (with a `code`), or one of ours (already translated). */
type ShownError = Omit<ImportError, 'code' | 'line'> & { code?: ImportError['code']; line: number }

type PreviewRow =
  | { line: number; disc: number; number: number; title: string; duration: string; error?: undefined }
  | { line: number; error: string }

/** The error in the editor's language by its `code`; its English `message` when the code is not ours. */
const errorText = (error: ShownError, { i18n, t }: Pick<SoundtrackTranslation, 'i18n' | 't'>): string => {
  const key = `error.${error.code}`
  if (!(key in en.soundtrackReviews)) {
    return error.message
  }
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  const vars = Object.fromEntries(
    Object.entries(error.params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? list.format(value.map((text) => t('soundtrackReviews:quoted', { text }))) : value,
    ]),
  )
  // A bad duration's reason is the clock parser's, translated by its code.
  const reason =
    typeof vars.clock === 'string'
      ? clockReason(t, { code: vars.clock as ClockRefusal['code'], params: vars })
      : vars.reason
  return t(`soundtrackReviews:${key}` as SoundtrackReviewsTranslationKeys, { ...vars, reason })
}

const previewRows = (
  text: string,
  serverErrors: ShownError[],
  translation: Pick<SoundtrackTranslation, 'i18n' | 't'>,
): PreviewRow[] => {
  const { tracks, errors } = parseTrackList(text)
  const serverErrorOf = new Map(serverErrors.map((error) => [error.line, error]))
  const rows: PreviewRow[] = [
    ...tracks.map((track) => {
      const serverError = serverErrorOf.get(track.line)
      return serverError
        ? { line: track.line, error: errorText(serverError, translation) }
        : { ...track, duration: formatClock(track.durationSeconds) }
    }),
    ...errors.map((error) => ({ line: error.line, error: errorText(error, translation) })),
  ]
  return rows.sort((a, b) => a.line - b.line)
}

const COLUMNS = ['line', 'disc', 'number', 'title', 'duration'] as const

// `<c>…</c>` in the hint marks an example line, shown as code.
const withExamples = (hint: string) =>
  hint.split(/<c>(.*?)<\/c>/).map((part, index) => (index % 2 ? <code key={index}>{part}</code> : part))

/**
 * "Import track list" on a saved film: paste, check the live preview (the same parser as
 * `POST /api/films/:id/tracklist`), import in one request, and see the track table and runtime update.
 */
export const TrackListImport: UIFieldClientComponent = () => {
  const { i18n, t } = useSoundtrackTranslation()
  const { id: filmID, collectionSlug } = useDocumentInfo()
  const trackCount = useFormFields(([fields]) => fields.trackCount?.value)
  const existing = typeof trackCount === 'number' ? trackCount : 0
  const apiURL = useApiURL()
  const [isOpen, setIsOpen] = useState<boolean | null>(null)
  const [text, setText] = useState('')
  const [isReplacing, setIsReplacing] = useState(false)
  const [isImporting, setIsImporting] = useState(false)
  const [serverErrors, setServerErrors] = useState<ShownError[]>([])

  const parsed = useMemo(() => parseTrackList(text), [text])
  const rows = useMemo(() => previewRows(text, serverErrors, { i18n, t }), [text, serverErrors, i18n, t])
  const totalSeconds = parsed.tracks.reduce((sum, track) => sum + track.durationSeconds, 0)
  const generalErrors = serverErrors.filter((error) => !(error.line > 0))
  const canImport = !isImporting && parsed.tracks.length > 0 && parsed.errors.length === 0

  if (filmID === undefined || filmID === null) {
    return (
      <div className={`${baseClass} field-type`}>
        <h4 className={`${baseClass}__title`}>{t('soundtrackReviews:trackListImport.title')}</h4>
        <p className={`${baseClass}__hint`}>{t('soundtrackReviews:trackListImport.saveFirst')}</p>
      </div>
    )
  }

  const isShown = isOpen ?? existing === 0
  const tracks = (count: number) => t('soundtrackReviews:trackListImport.tracks', { count })

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
          t('soundtrackReviews:trackListImport.imported', {
            created: tracks(body.created ?? 0),
            total: tracks(body.trackCount ?? 0),
            runtime: body.totalRuntime,
          }),
        )
        setText('')
        setIsReplacing(false)
        setIsOpen(false)
        reportTracksImported(filmID)
        return
      }
      const errors = (body.errors ?? []).map((error) => ({ ...error, line: error.line ?? 0 }))
      setServerErrors(
        errors.length ? errors : [{ line: 0, message: t('soundtrackReviews:trackListImport.failed', { status }) }],
      )
      toast.error(t('soundtrackReviews:trackListImport.refused'))
    } catch (error) {
      setServerErrors([
        { line: 0, message: t('soundtrackReviews:trackListImport.unreachable', { error: String(error) }) },
      ])
    } finally {
      setIsImporting(false)
    }
  }

  return (
    <div className={`${baseClass} field-type`}>
      <div className={`${baseClass}__header`}>
        <h4 className={`${baseClass}__title`}>{t('soundtrackReviews:trackListImport.title')}</h4>
        <Button buttonStyle="secondary" margin={false} onClick={() => setIsOpen(!isShown)} size="small">
          {t(isShown ? 'soundtrackReviews:trackListImport.hide' : 'soundtrackReviews:trackListImport.open')}
        </Button>
      </div>
      {isShown && (
        <>
          <p className={`${baseClass}__hint`}>
            {withExamples(
              t('soundtrackReviews:trackListImport.hint', {
                example: t('soundtrackReviews:trackListImport.example'),
                discExample: t('soundtrackReviews:trackListImport.discExample'),
              }),
            )}
          </p>
          <textarea
            aria-label={t('soundtrackReviews:trackListImport.textLabel')}
            className={`${baseClass}__text`}
            name="tracklistText"
            onChange={(event) => {
              setText(event.target.value)
              setServerErrors([])
            }}
            placeholder={t('soundtrackReviews:trackListImport.placeholder')}
            rows={10}
            spellCheck={false}
            value={text}
          />
          <CheckboxInput
            checked={isReplacing}
            id="tracklist-replace"
            label={
              existing > 0
                ? t('soundtrackReviews:trackListImport.replaceExisting', { count: existing })
                : t('soundtrackReviews:trackListImport.replace')
            }
            onToggle={(event) => setIsReplacing(event.target.checked)}
          />
          {text.trim() !== '' && (
            <p className={`${baseClass}__summary`} role="status">
              {parsed.errors.length > 0
                ? t('soundtrackReviews:trackListImport.linesToFix', {
                    count: parsed.errors.length,
                    lines: parsed.errors.length + parsed.tracks.length,
                  })
                : t('soundtrackReviews:trackListImport.summary', {
                    tracks: tracks(parsed.tracks.length),
                    runtime: formatClock(totalSeconds),
                  })}
            </p>
          )}
          {generalErrors.map((error) => (
            <p className={`${baseClass}__error`} key={error.message} role="alert">
              {errorText(error, { i18n, t })}
            </p>
          ))}
          {rows.length > 0 && (
            <table className={`${baseClass}__preview`}>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column}>{t(`soundtrackReviews:trackListImport.column.${column}`)}</th>
                  ))}
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
              ? t('soundtrackReviews:trackListImport.importing')
              : parsed.tracks.length > 0 && parsed.errors.length === 0
                ? t('soundtrackReviews:trackListImport.importTracks', { tracks: tracks(parsed.tracks.length) })
                : t('soundtrackReviews:trackListImport.import')}
          </Button>
        </>
      )}
    </div>
  )
}
