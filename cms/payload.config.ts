import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { soundtrackReviews } from 'payload-soundtrack-reviews'

import { databaseAdapter } from './database'
import { resolvePayloadSecret } from './secret'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: resolvePayloadSecret(),
  serverURL: process.env.SERVER_URL || undefined,
  db: databaseAdapter(process.env.DATABASE_URI || undefined),
  editor: lexicalEditor(),
  admin: {
    user: 'users',
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · Exploring Soundtracks' },
  },
  collections: [
    {
      slug: 'users',
      auth: true,
      fields: [{ name: 'name', type: 'text', admin: { description: 'Shown as the byline of your reviews.' } }],
    },
  ],
  plugins: [
    soundtrackReviews({
      siteUrl: process.env.SITE_URL || process.env.SERVER_URL || `http://localhost:${process.env.PORT || 3000}`,
      reviewUrl: process.env.REVIEW_URL || undefined,
      publisher: { name: 'Exploring Soundtracks' },
    }),
  ],
  // The plugin's code stays generic over ids and slugs: the generated types are for frontends.
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), declare: false },
  graphQL: { schemaOutputFile: path.resolve(dirname, 'generated-schema.graphql') },
})
