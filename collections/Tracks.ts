import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/options.js'
import { duration } from '../fields/duration.js'
import { anyone } from '../src/access/anyone.js'
import { isEditor } from '../src/access/isEditor.js'
import { ensureUniqueTrackNumber } from '../src/hooks/ensureUniqueTrackNumber.js'
import { refreshFilmRuntimeAfterChange, refreshFilmRuntimeAfterDelete } from '../src/hooks/refreshFilmRuntime.js'
import { applyOverride } from './overrides.js'

const positiveInteger =
  ({ label, required }: { label: string; required: boolean }) =>
  (value: null | number | undefined): string | true => {
    if (value === null || value === undefined) {
      return required ? `${label} is required.` : true
    }
    return Number.isInteger(value) && value >= 1 ? true : `${label} must be a whole number from 1, got ${value}.`
  }

export const Tracks = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.tracks,
      admin: {
        useAsTitle: 'title',
        defaultColumns: ['film', 'disc', 'number', 'title', 'duration'],
        group: 'Soundtracks',
      },
      access: { read: anyone, create: isEditor, update: isEditor, delete: isEditor },
      defaultSort: ['film', 'disc', 'number'],
      defaultPopulate: { title: true, disc: true, number: true, duration: true, durationSeconds: true },
      indexes: [{ fields: ['film', 'disc', 'number'], unique: true }],
      hooks: {
        beforeChange: [ensureUniqueTrackNumber],
        afterChange: [refreshFilmRuntimeAfterChange],
        afterDelete: [refreshFilmRuntimeAfterDelete],
      },
      fields: [
        { name: 'film', type: 'relationship', relationTo: options.slugs.films, required: true, index: true },
        {
          type: 'row',
          fields: [
            {
              name: 'disc',
              type: 'number',
              defaultValue: 1,
              min: 1,
              validate: positiveInteger({ label: 'Disc', required: false }),
            },
            {
              name: 'number',
              type: 'number',
              required: true,
              min: 1,
              validate: positiveInteger({ label: 'Track number', required: true }),
            },
          ],
        },
        { name: 'title', type: 'text', required: true },
        duration(),
        { name: 'composers', type: 'relationship', relationTo: options.slugs.composers, hasMany: true },
        { name: 'notes', type: 'textarea' },
      ],
    },
    options.overrides.tracks,
  )
