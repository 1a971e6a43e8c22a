import type {
  CollectionConfig,
  CollectionSlug,
  DescriptionFunction,
  Field,
  FilterOptions,
  LabelFunction,
  PayloadRequest,
} from 'payload'

import type { ResolvedOptions } from '../src/types.js'

import { componentPath } from '../fields/componentPath.js'
import { rating } from '../fields/rating.js'
import { runtimeSync } from '../fields/runtimeSync.js'
import { slug } from '../fields/slug.js'
import { timecode } from '../fields/timecode.js'
import { wholeNumber } from '../fields/wholeNumber.js'
import { canDeleteReview } from '../src/access/canDeleteReview.js'
import { isAdminField } from '../src/access/isAdmin.js'
import { isAdminOrEditor } from '../src/access/isAdminOrEditor.js'
import { publishedOrSignedIn } from '../src/access/publishedOrSignedIn.js'
import {
  recordReviewChange,
  recordReviewDeletion,
  rememberPublicState,
  rememberRelatingReviews,
} from '../src/changes/reviewChanges.js'
import { filmReleaseYear, takenSlugs } from '../src/db/takenSlugs.js'
import { dequeueDeletedReview } from '../src/hooks/dequeueDeletedReview.js'
import { dequeuePublishedReview } from '../src/hooks/dequeuePublishedReview.js'
import { fillByline } from '../src/hooks/fillByline.js'
import { guardPublishing } from '../src/hooks/guardPublishing.js'
import { keepEditorsOnDrafts } from '../src/hooks/keepEditorsOnDrafts.js'
import { lockReviewBeforeWriting } from '../src/hooks/lockBeforeWriting.js'
import { omitBodiesFromLists } from '../src/hooks/omitBodiesFromLists.js'
import { readPublishedForPublic } from '../src/hooks/readPublishedForPublic.js'
import { stampPublishedAt } from '../src/hooks/stampPublishedAt.js'
import { relationID } from '../src/relationID.js'
import { fillReviewTemplate } from '../src/reviewURL.js'
import { byLanguage, soundtrackT, translated } from '../src/translations/index.js'
import { applyOverride } from './overrides.js'

export const INSTRUMENTATION = [
  'percussion',
  'strings',
  'brass',
  'horns',
  'woodwinds',
  'choir',
  'vocals',
  'piano',
  'synth',
  'electronics',
  'guitar',
  'orchestra',
] as const

export type Instrumentation = (typeof INSTRUMENTATION)[number]

/** Cue tracks and highlights come from the review's own film; Payload also validates writes with it. */
const tracksOfThisFilm: FilterOptions = ({ data }) => {
  const film = relationID(data?.film)
  return film === undefined ? false : { film: { equals: film } }
}

const notThisReview: FilterOptions = ({ id }) => (id === undefined ? true : { id: { not_equals: id } })

/** Read through the film (Payload batches these per request): never stored twice, never stale. */
const fromFilm = ({
  name,
  type,
  description,
  label,
  hidden = false,
}: {
  name: string
  type: 'number' | 'text'
  description?: DescriptionFunction
  label: LabelFunction
  hidden?: boolean
}): Field =>
  ({
    name,
    type,
    label,
    virtual: `film.${name}`,
    admin: { readOnly: true, position: 'sidebar', description, hidden },
  }) as Field

const noDirectWrites = { create: () => false, update: () => false }

/** Editors' values are dropped (the author stays the creating user); admins may set them. */
const adminWrites = { create: isAdminField, update: isAdminField }

/** `previewUrl` with the review's `{slug}` and `{id}` filled in; none until the review has a slug. */
const previewLink = (template: string, doc: Record<string, unknown> | undefined): null | string =>
  doc?.slug ? fillReviewTemplate(template, { id: relationID(doc.id), slug: String(doc.slug) }) : null

export const Reviews = (options: ResolvedOptions): CollectionConfig =>
  applyOverride(
    {
      slug: options.slugs.reviews,
      labels: {
        singular: translated('soundtrackReviews:reviews.singular'),
        plural: translated('soundtrackReviews:reviews.plural'),
      },
      admin: {
        useAsTitle: 'title',
        defaultColumns: ['title', 'film', '_status', 'publishAt', 'publishedAt', 'rating'],
        group: byLanguage('group'),
        components: {
          edit: {
            PublishButton: componentPath('AdminPublishButton'),
            UnpublishButton: componentPath('AdminUnpublishButton'),
          },
        },
        ...(options.previewUrl
          ? {
              preview: (doc) => previewLink(options.previewUrl!, doc),
              livePreview: {
                url: ({ data }) => previewLink(options.previewUrl!, data) ?? options.siteUrl,
                breakpoints: options.previewBreakpoints,
              },
            }
          : {}),
      },
      // Drafts are validated too: an editor's bad rating or foreign track is refused when typed, not at publish time.
      versions: { drafts: { validate: true }, maxPerDoc: 50 },
      access: {
        read: publishedOrSignedIn,
        readVersions: isAdminOrEditor,
        create: isAdminOrEditor,
        update: isAdminOrEditor,
        delete: canDeleteReview,
      },
      defaultSort: '-publishedAt',
      defaultPopulate: { title: true, slug: true, film: true, publishedAt: true, excerpt: true, rating: true },
      hooks: {
        beforeOperation: [
          lockReviewBeforeWriting,
          readPublishedForPublic,
          keepEditorsOnDrafts,
          omitBodiesFromLists(['plotRecap', 'analysis', 'finalThoughts']),
        ],
        beforeChange: [guardPublishing, stampPublishedAt, fillByline(options.usersCollection), rememberPublicState],
        afterChange: [dequeuePublishedReview, recordReviewChange],
        beforeDelete: [dequeueDeletedReview, rememberRelatingReviews],
        afterDelete: [recordReviewDeletion],
      },
      fields: [
        { name: 'title', type: 'text', required: true, label: translated('soundtrackReviews:field.title') },
        slug({ from: 'title', lookup: { taken: takenSlugs, year: filmReleaseYear } }),
        {
          name: 'film',
          type: 'relationship',
          relationTo: options.slugs.films,
          required: true,
          index: true,
          label: translated('soundtrackReviews:field.film'),
        },
        {
          name: 'author',
          type: 'relationship',
          relationTo: options.usersCollection as CollectionSlug,
          defaultValue: ({ user }: { user?: { id?: number | string } | null }) => user?.id,
          access: adminWrites,
          // Checked with the server's eyes: an editor cannot read other users, yet may edit their reviews.
          validate: async (value: unknown, { req }: { req: PayloadRequest }) => {
            const id = relationID(value)
            if (id === undefined) {
              return true
            }
            const { totalDocs } = await req.payload.count({
              collection: options.usersCollection as CollectionSlug,
              where: { id: { equals: id } },
              overrideAccess: true,
              req,
            })
            return totalDocs > 0 || soundtrackT(req.t)('soundtrackReviews:validation.noSuchUser', { id: String(id) })
          },
          label: translated('soundtrackReviews:field.author'),
          admin: { position: 'sidebar', description: translated('soundtrackReviews:description.author') },
        },
        {
          name: 'byline',
          type: 'text',
          maxLength: 120,
          label: translated('soundtrackReviews:field.byline'),
          admin: { position: 'sidebar', description: translated('soundtrackReviews:description.byline') },
        },
        {
          type: 'row',
          fields: [
            {
              name: 'series',
              type: 'text',
              defaultValue: 'Exploring Soundtracks',
              label: translated('soundtrackReviews:field.series'),
            },
            wholeNumber({
              name: 'seriesPart',
              label: translated('soundtrackReviews:field.seriesPart'),
              min: 1,
              max: 999,
              overrides: { admin: { step: 1, description: translated('soundtrackReviews:description.seriesPart') } },
            }),
          ],
        },
        { name: 'excerpt', type: 'textarea', maxLength: 500, label: translated('soundtrackReviews:field.excerpt') },
        { name: 'plotRecap', type: 'richText', label: translated('soundtrackReviews:field.plotRecap') },
        { name: 'analysis', type: 'richText', label: translated('soundtrackReviews:field.analysis') },
        {
          name: 'cues',
          type: 'array',
          label: translated('soundtrackReviews:field.cues'),
          labels: {
            singular: translated('soundtrackReviews:cues.singular'),
            plural: translated('soundtrackReviews:field.cues'),
          },
          admin: { initCollapsed: false, components: { RowLabel: componentPath('CueRowLabel') } },
          fields: [
            {
              type: 'row',
              fields: [{ name: 'label', type: 'text', label: translated('soundtrackReviews:field.label') }],
            },
            timecode(),
            {
              name: 'track',
              type: 'relationship',
              relationTo: options.slugs.tracks,
              filterOptions: tracksOfThisFilm,
              label: translated('soundtrackReviews:field.track'),
            },
            {
              name: 'instrumentation',
              type: 'select',
              hasMany: true,
              label: translated('soundtrackReviews:field.instrumentation'),
              options: INSTRUMENTATION.map((value) => ({
                label: translated(`soundtrackReviews:instrumentation.${value}`),
                value,
              })),
            },
            { name: 'note', type: 'textarea', label: translated('soundtrackReviews:field.note') },
          ],
        },
        { name: 'finalThoughts', type: 'richText', label: translated('soundtrackReviews:field.finalThoughts') },
        rating({ scale: options.ratingScale }),
        {
          name: 'highlights',
          type: 'relationship',
          relationTo: options.slugs.tracks,
          hasMany: true,
          filterOptions: tracksOfThisFilm,
          label: translated('soundtrackReviews:field.highlights'),
        },
        {
          name: 'relatedReviews',
          type: 'relationship',
          relationTo: options.slugs.reviews,
          hasMany: true,
          filterOptions: notThisReview,
          label: translated('soundtrackReviews:field.relatedReviews'),
        },
        runtimeSync({ slugs: options.slugs, filmPath: 'film' }),
        fromFilm({ name: 'trackCount', type: 'number', label: translated('soundtrackReviews:field.trackCount') }),
        fromFilm({
          name: 'totalRuntimeSeconds',
          type: 'number',
          label: translated('soundtrackReviews:field.totalRuntimeSeconds'),
          hidden: true,
        }),
        fromFilm({
          name: 'totalRuntime',
          type: 'text',
          label: translated('soundtrackReviews:field.totalRuntime'),
          description: translated('soundtrackReviews:description.filmRuntime'),
        }),
        {
          name: 'publishAt',
          type: 'date',
          // The job's due query.
          index: true,
          access: noDirectWrites,
          label: translated('soundtrackReviews:field.publishAt'),
          admin: {
            readOnly: true,
            position: 'sidebar',
            // The schema's and API's text; the edit view shows ScheduleSlotDescription instead.
            description: translated('soundtrackReviews:description.publishAt'),
            date: { pickerAppearance: 'dayAndTime' },
            components: {
              Cell: componentPath('ScheduleSlotCell'),
              Description: componentPath('ScheduleSlotDescription'),
            },
          },
        },
        {
          name: 'publishedAt',
          type: 'date',
          access: adminWrites,
          label: translated('soundtrackReviews:field.publishedAt'),
          // The feeds' newest-first order.
          index: true,
          admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    options.overrides.reviews,
  )
