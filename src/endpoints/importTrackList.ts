import type { Endpoint, PayloadRequest } from 'payload'

import type { TrackListErrorCode, TrackListErrorParams } from '../tracklist/parseTrackList.js'
import type { ResolvedOptions } from '../types.js'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { isStaff } from '../access/roles.js'
import { DEFER_RUNTIME } from '../context.js'
import { withContext } from '../context.js'
import { quoteTitles, reviewsCitingTracks } from '../db/citedTracks.js'
import { lockRows } from '../db/locks.js'
import { adjustFilmTotals } from '../runtime/filmTotals.js'
import { slugsOf } from '../settings.js'
import { parseTrackList } from '../tracklist/parseTrackList.js'
import { json } from './respond.js'

/** Every refusal has a stable `code` (and `params` for its values) beside the English `message`. */
type ImportErrorCode =
  | 'filmNotFound'
  | 'replaceNotBoolean'
  | 'signInRequired'
  | 'staffOnly'
  | 'textMissing'
  | 'tooManyLines'
  | 'trackExists'
  | 'tracksCited'
  | TrackListErrorCode

export type ImportError = {
  line?: number
  code: ImportErrorCode
  params?: TrackListErrorParams
  message: string
  field?: string
}

const refuse = (req: PayloadRequest, errors: ImportError[], status = 400) => json(req, { errors }, status)

const readBody = async (req: PayloadRequest): Promise<Record<string, unknown> | null> => {
  try {
    const body: unknown = await req.json?.()
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * `POST /api/films/:id/tracklist` — pasted album track list in, tracks out, all or nothing: any bad
 * line refuses the whole paste, and the writes share one transaction with a single runtime update.
 */
export const importTrackList = ({ trackListMaxLines }: ResolvedOptions): Endpoint => ({
  path: '/:id/tracklist',
  method: 'post',
  handler: async (req) => {
    if (!req.user) {
      return refuse(
        req,
        [{ code: 'signInRequired', message: 'Sign in as an editor or admin to import a track list.' }],
        401,
      )
    }
    if (!isStaff(req.user)) {
      return refuse(req, [{ code: 'staffOnly', message: 'Only editors and admins can import track lists.' }], 403)
    }
    const body = await readBody(req)
    if (!body || typeof body.text !== 'string' || body.text.trim() === '') {
      return refuse(req, [
        {
          line: 0,
          field: 'text',
          code: 'textMissing',
          message: 'Send { "text": "1. Title (1:12)\\n…" } with the track list.',
        },
      ])
    }
    const lines = body.text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length
    if (lines > trackListMaxLines) {
      return refuse(req, [
        {
          line: 0,
          field: 'text',
          code: 'tooManyLines',
          params: { max: trackListMaxLines, lines },
          message: `A track list holds at most ${trackListMaxLines} lines; this one has ${lines}. Import it in parts.`,
        },
      ])
    }
    if (body.replace !== undefined && typeof body.replace !== 'boolean') {
      return refuse(req, [
        { line: 0, field: 'replace', code: 'replaceNotBoolean', message: '“replace” must be true or false.' },
      ])
    }
    const filmID = String(req.routeParams?.id ?? '')
    const film = await req.payload
      .findByID({
        collection: slugsOf(req.payload).films,
        id: filmID,
        depth: 0,
        select: { title: true },
        disableErrors: true,
        req,
      })
      .catch(() => null)
    if (!film) {
      return refuse(req, [{ code: 'filmNotFound', params: { id: filmID }, message: `No film with id ${filmID}.` }], 404)
    }

    const { tracks, errors } = parseTrackList(body.text)
    if (errors.length > 0) {
      return refuse(req, errors)
    }
    const isReplacing = body.replace === true
    const isOwnTransaction = await initTransaction(req)
    // Nested writes defer the runtime to the single update below, on a copy of the request.
    const importReq = withContext(req, { [DEFER_RUNTIME]: true })
    const abort = async (response: Response) => {
      if (isOwnTransaction) {
        await killTransaction(req)
      }
      return response
    }
    try {
      // Concurrent imports into this film take turns from here, so their clash checks see each other.
      await lockRows({ req, slug: slugsOf(req.payload).films, ids: [film.id] })
      const { docs: existing } = await req.payload.find({
        collection: slugsOf(req.payload).tracks,
        where: { film: { equals: film.id } },
        select: { disc: true, number: true, title: true },
        pagination: false,
        depth: 0,
        req,
      })
      let removedTracks = 0
      let removedSeconds = 0
      if (!isReplacing) {
        const taken = new Map(existing.map((track) => [`${track.disc ?? 1}-${track.number}`, track.title]))
        const clashes = tracks.flatMap((track) => {
          const title = taken.get(`${track.disc}-${track.number}`)
          return title === undefined
            ? []
            : [
                {
                  line: track.line,
                  code: 'trackExists' as const,
                  params: { number: track.number, disc: track.disc, title: String(title) },
                  message: `Track ${track.number} on disc ${track.disc} already exists (“${title}”). Send "replace": true to replace the film's track list.`,
                },
              ]
        })
        if (clashes.length > 0) {
          return await abort(refuse(req, clashes))
        }
      } else if (existing.length > 0) {
        const users = await reviewsCitingTracks({ req, trackIDs: existing.map((track) => track.id) })
        if (users.length > 0) {
          return await abort(
            refuse(
              req,
              [
                {
                  line: 0,
                  field: 'replace',
                  code: 'tracksCited',
                  params: { titles: users },
                  message: `The film's tracks are used in the cues or highlights of ${quoteTitles(users)}; replacing them would break those reviews. Import without "replace", or edit the tracks one by one.`,
                },
              ],
              409,
            ),
          )
        }
        const { docs: removed } = await req.payload.delete({
          collection: slugsOf(req.payload).tracks,
          where: { film: { equals: film.id } },
          select: { durationSeconds: true },
          depth: 0,
          req: importReq,
        })
        removedSeconds = removed.reduce((sum, track) => sum + (Number(track.durationSeconds) || 0), 0)
        removedTracks = removed.length
      }
      for (const track of tracks) {
        await req.payload.create({
          collection: slugsOf(req.payload).tracks,
          data: {
            film: film.id,
            disc: track.disc,
            number: track.number,
            title: track.title,
            durationSeconds: track.durationSeconds,
          },
          depth: 0,
          select: { number: true },
          req: importReq,
        })
      }
      const addedSeconds = tracks.reduce((sum, track) => sum + track.durationSeconds, 0)
      await adjustFilmTotals({
        req,
        deltas: [{ film: film.id, tracks: tracks.length - removedTracks, seconds: addedSeconds - removedSeconds }],
      })
      const updated = await req.payload.findByID({
        collection: slugsOf(req.payload).films,
        id: film.id,
        depth: 0,
        select: { trackCount: true, totalRuntimeSeconds: true, totalRuntime: true },
        req,
      })
      if (isOwnTransaction) {
        await commitTransaction(req)
      }
      return json(req, {
        created: tracks.length,
        trackCount: updated.trackCount,
        totalRuntimeSeconds: updated.totalRuntimeSeconds,
        totalRuntime: updated.totalRuntime,
      })
    } catch (error) {
      if (isOwnTransaction) {
        await killTransaction(req)
      }
      throw error
    }
  },
})
