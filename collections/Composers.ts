import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'
import { slug } from '../fields/slug.js'
import { anyone } from '../src/access/anyone.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { omitBodiesFromLists } from '../src/hooks/omitBodiesFromLists.js'
import { invalidateAfterChange, invalidateAfterDelete } from '../src/cache/contentVersion.js'
import { takenSlugs } from '../src/db/takenSlugs.js'
import { applyOverride } from './overrides.js'

export const Composers = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.composers,
      admin: {
        useAsTitle: 'name',
        defaultColumns: ['name', 'affiliations', 'updatedAt'],
        group: 'Soundtracks',
      },
      access: { read: anyone, create: isAdminOrEditor, update: isAdminOrEditor, delete: isAdminOrEditor },
      defaultPopulate: { name: true, slug: true, affiliations: true },
      hooks: {
        beforeOperation: [omitBodiesFromLists(['bio'])],
        afterChange: [invalidateAfterChange],
        afterDelete: [invalidateAfterDelete],
      },
      fields: [
        { name: 'name', type: 'text', required: true },
        slug({ from: 'name', lookup: { taken: takenSlugs } }),
        { name: 'bio', type: 'richText' },
        {
          name: 'affiliations',
          type: 'text',
          hasMany: true,
          admin: { description: 'Studios or collectives, e.g. Remote Control Productions.' },
        },
        { name: 'influencedBy', type: 'relationship', relationTo: options.slugs.composers, hasMany: true },
        {
          name: 'films',
          type: 'join',
          collection: options.slugs.films,
          on: 'composers',
          defaultSort: '-releaseYear',
          admin: { defaultColumns: ['title', 'releaseYear'] },
        },
      ],
    },
    options.overrides.composers,
  )
