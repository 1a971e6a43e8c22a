import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { componentPath } from '../fields/componentPath.js'
import { runtimeSync } from '../fields/runtimeSync.js'
import { slug } from '../fields/slug.js'
import { wholeNumber } from '../fields/wholeNumber.js'
import { anyone } from '../src/access/anyone.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { recordCatalogDeletion, recordCatalogWrite } from '../src/changes/catalogChanges.js'
import { takenSlugs } from '../src/db/takenSlugs.js'
import { keepFilmTotals } from '../src/hooks/keepFilmTotals.js'
import { omitBodiesFromLists } from '../src/hooks/omitBodiesFromLists.js'
import { deleteFilmTracks, refuseFilmDeleteWithReviews } from '../src/hooks/protectFilmReviews.js'
import { byLanguage, translated } from '../src/translations/index.js'
import { applyOverride } from './overrides.js'

const derived = { readOnly: true, position: 'sidebar' } as const

export const Films = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.films,
      labels: {
        singular: translated('soundtrackReviews:films.singular'),
        plural: translated('soundtrackReviews:films.plural'),
      },
      admin: {
        useAsTitle: 'title',
        defaultColumns: ['title', 'releaseYear', 'trackCount', 'totalRuntime', 'updatedAt'],
        group: byLanguage('group'),
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
        afterChange: [recordCatalogWrite('film')],
        afterDelete: [recordCatalogDeletion('film')],
      },
      fields: [
        { name: 'title', type: 'text', required: true, label: translated('soundtrackReviews:field.title') },
        slug({ from: 'title', lookup: { taken: takenSlugs, year: ({ data }) => data.releaseYear } }),
        {
          type: 'row',
          fields: [
            wholeNumber({
              name: 'releaseYear',
              label: translated('soundtrackReviews:field.releaseYear'),
              min: 1888,
              max: 2200,
            }),
            { name: 'franchise', type: 'text', label: translated('soundtrackReviews:field.franchise') },
            { name: 'director', type: 'text', label: translated('soundtrackReviews:field.director') },
          ],
        },
        { name: 'synopsis', type: 'richText', label: translated('soundtrackReviews:field.synopsis') },
        {
          name: 'composers',
          type: 'relationship',
          relationTo: options.slugs.composers,
          hasMany: true,
          label: translated('soundtrackReviews:field.composers'),
        },
        {
          name: 'tracks',
          type: 'join',
          label: translated('soundtrackReviews:field.tracks'),
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
          label: translated('soundtrackReviews:field.reviews'),
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
          label: translated('soundtrackReviews:field.trackCount'),
          admin: { ...derived, description: translated('soundtrackReviews:description.trackCount') },
        },
        {
          name: 'totalRuntimeSeconds',
          type: 'number',
          defaultValue: 0,
          label: translated('soundtrackReviews:field.totalRuntimeSeconds'),
          admin: { ...derived, hidden: true },
        },
        {
          name: 'totalRuntime',
          type: 'text',
          defaultValue: '0:00',
          label: translated('soundtrackReviews:field.totalRuntime'),
          admin: { ...derived, description: translated('soundtrackReviews:description.totalRuntime') },
        },
      ],
    },
    options.overrides.films,
  )
