import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { duration } from '../fields/duration.js'
import { DISCS, TRACK_NUMBERS, wholeNumber } from '../fields/wholeNumber.js'
import { anyone } from '../src/access/anyone.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { recordCatalogDeletion, recordCatalogWrite } from '../src/changes/catalogChanges.js'
import { ensureUniqueTrackNumber } from '../src/hooks/ensureUniqueTrackNumber.js'
import { refuseCitedTrackDelete, refuseCitedTrackMove } from '../src/hooks/keepCitedTracks.js'
import {
  lockTracksBeforeWrite,
  refreshFilmRuntimeAfterChange,
  refreshFilmRuntimeAfterDelete,
} from '../src/hooks/refreshFilmRuntime.js'
import { byLanguage, translated } from '../src/translations/index.js'
import { applyOverride } from './overrides.js'

export const Tracks = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.tracks,
      labels: {
        singular: translated('soundtrackReviews:tracks.singular'),
        plural: translated('soundtrackReviews:tracks.plural'),
      },
      admin: {
        useAsTitle: 'title',
        defaultColumns: ['film', 'disc', 'number', 'title', 'duration'],
        group: byLanguage('group'),
      },
      access: { read: anyone, create: isAdminOrEditor, update: isAdminOrEditor, delete: isAdminOrEditor },
      defaultSort: ['film', 'disc', 'number'],
      defaultPopulate: { title: true, disc: true, number: true, duration: true, durationSeconds: true },
      indexes: [{ fields: ['film', 'disc', 'number'], unique: true }],
      // The runtime hooks read these from every write's result, whatever the caller selected.
      forceSelect: { film: true, durationSeconds: true },
      hooks: {
        beforeOperation: [lockTracksBeforeWrite],
        beforeChange: [refuseCitedTrackMove, ensureUniqueTrackNumber],
        beforeDelete: [refuseCitedTrackDelete],
        afterChange: [refreshFilmRuntimeAfterChange, recordCatalogWrite('track')],
        afterDelete: [refreshFilmRuntimeAfterDelete, recordCatalogDeletion('track')],
      },
      fields: [
        {
          name: 'film',
          type: 'relationship',
          relationTo: options.slugs.films,
          required: true,
          index: true,
          label: translated('soundtrackReviews:field.film'),
        },
        {
          type: 'row',
          fields: [
            // Required: SQL unique indexes treat NULLs as distinct, so a null disc would let duplicate numbers in.
            wholeNumber({
              name: 'disc',
              label: translated('soundtrackReviews:field.disc'),
              ...DISCS,
              required: true,
              overrides: { defaultValue: 1 },
            }),
            wholeNumber({
              name: 'number',
              label: translated('soundtrackReviews:field.number'),
              ...TRACK_NUMBERS,
              required: true,
            }),
          ],
        },
        { name: 'title', type: 'text', required: true, label: translated('soundtrackReviews:field.title') },
        duration(),
        {
          name: 'composers',
          type: 'relationship',
          relationTo: options.slugs.composers,
          hasMany: true,
          label: translated('soundtrackReviews:field.composers'),
        },
        { name: 'notes', type: 'textarea', label: translated('soundtrackReviews:field.notes') },
      ],
    },
    options.overrides.tracks,
  )
