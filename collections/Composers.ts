import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { slug } from '../fields/slug.js'
import { anyone } from '../src/access/anyone.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { recordCatalogDeletion, recordCatalogWrite } from '../src/changes/catalogChanges.js'
import { takenSlugs } from '../src/db/takenSlugs.js'
import { omitBodiesFromLists } from '../src/hooks/omitBodiesFromLists.js'
import { byLanguage, translated } from '../src/translations/index.js'
import { applyOverride } from './overrides.js'

export const Composers = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.composers,
      labels: {
        singular: translated('soundtrackReviews:composers.singular'),
        plural: translated('soundtrackReviews:composers.plural'),
      },
      admin: {
        useAsTitle: 'name',
        defaultColumns: ['name', 'affiliations', 'updatedAt'],
        group: byLanguage('group'),
      },
      access: { read: anyone, create: isAdminOrEditor, update: isAdminOrEditor, delete: isAdminOrEditor },
      defaultPopulate: { name: true, slug: true, affiliations: true },
      hooks: {
        beforeOperation: [omitBodiesFromLists(['bio'])],
        afterChange: [recordCatalogWrite('composer')],
        afterDelete: [recordCatalogDeletion('composer')],
      },
      fields: [
        { name: 'name', type: 'text', required: true, label: translated('soundtrackReviews:field.name') },
        slug({ from: 'name', lookup: { taken: takenSlugs } }),
        { name: 'bio', type: 'richText', label: translated('soundtrackReviews:field.bio') },
        {
          name: 'affiliations',
          type: 'text',
          hasMany: true,
          label: translated('soundtrackReviews:field.affiliations'),
          admin: { description: translated('soundtrackReviews:description.affiliations') },
        },
        {
          name: 'influencedBy',
          type: 'relationship',
          relationTo: options.slugs.composers,
          hasMany: true,
          label: translated('soundtrackReviews:field.influencedBy'),
        },
        {
          name: 'films',
          type: 'join',
          label: translated('soundtrackReviews:field.films'),
          collection: options.slugs.films,
          on: 'composers',
          defaultSort: '-releaseYear',
          admin: { defaultColumns: ['title', 'releaseYear'] },
        },
      ],
    },
    options.overrides.composers,
  )
