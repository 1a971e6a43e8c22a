import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'
import { slug } from '../fields/slug.js'
import { wholeNumber } from '../fields/wholeNumber.js'
import { anyone } from '../src/access/anyone.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { deleteFilmTracks, refuseFilmDeleteWithReviews } from '../src/hooks/protectFilmReviews.js'
import { keepFilmTotals } from '../src/hooks/keepFilmTotals.js'
import { invalidateAfterChange, invalidateAfterDelete } from '../src/cache/contentVersion.js'
import { omitBodiesFromLists } from '../src/hooks/omitBodiesFromLists.js'
import { takenSlugs } from '../src/db/takenSlugs.js'
import { applyOverride } from './overrides.js'
import { componentPath } from '../fields/componentPath.js'
import { runtimeSync } from '../fields/runtimeSync.js'

const derived = { readOnly: true, position: 'sidebar' } as const

export const Films = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.films,
      admin: {
        useAsTitle: 'title',
        defaultColumns: ['title', 'releaseYear', 'trackCount', 'totalRuntime', 'updatedAt'],
        group: 'Soundtracks',
      },
      access: { read: anyone, create: isAdminOrEditor, update: isAdminOrEditor, delete: isAdminOrEditor },
      defaultPopulate: {
        title: true,
        slug: true,
        releaseYear: true,
        director: true,
        trackCount: true,
        totalRuntimeSeconds: true,
        totalRuntime: true,
      },
      hooks: {
        beforeOperation: [omitBodiesFromLists(['synopsis'])],
        beforeChange: [keepFilmTotals],
        beforeDelete: [refuseFilmDeleteWithReviews, deleteFilmTracks],
        afterChange: [invalidateAfterChange],
        afterDelete: [invalidateAfterDelete],
      },
      fields: [
        { name: 'title', type: 'text', required: true },
        slug({ from: 'title', lookup: { taken: takenSlugs, year: ({ data }) => data.releaseYear } }),
        {
          type: 'row',
          fields: [
            wholeNumber({ name: 'releaseYear', label: 'Release year', min: 1888, max: 2200 }),
            { name: 'franchise', type: 'text' },
            { name: 'director', type: 'text' },
          ],
        },
        { name: 'synopsis', type: 'richText' },
        { name: 'composers', type: 'relationship', relationTo: options.slugs.composers, hasMany: true },
        {
          name: 'tracks',
          type: 'join',
          collection: options.slugs.tracks,
          on: 'film',
          defaultSort: ['disc', 'number'],
          defaultLimit: 0,
          admin: {
            defaultColumns: ['disc', 'number', 'title', 'duration'],
            components: { Field: componentPath('FilmTracksField') },
          },
        },
        {
          name: 'importTrackList',
          type: 'ui',
          admin: { disableListColumn: true, components: { Field: componentPath('TrackListImport') } },
        },
        {
          name: 'reviews',
          type: 'join',
          collection: options.slugs.reviews,
          on: 'film',
          defaultSort: '-publishedAt',
          admin: { defaultColumns: ['title', '_status', 'publishAt', 'publishedAt'] },
        },
        runtimeSync({ slugs: options.slugs }),
        {
          name: 'trackCount',
          type: 'number',
          defaultValue: 0,
          admin: { ...derived, description: 'Kept in step with the track list.' },
        },
        { name: 'totalRuntimeSeconds', type: 'number', defaultValue: 0, admin: { ...derived, hidden: true } },
        {
          name: 'totalRuntime',
          type: 'text',
          defaultValue: '0:00',
          admin: { ...derived, description: 'Sum of the track durations.' },
        },
      ],
    },
    options.overrides.films,
  )
