import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { revalidateTag } from 'next/cache'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { soundtrackReviews } from 'payload-soundtrack-reviews'

import { Pages } from './collections/Pages'
import { Users } from './collections/Users'

const filename = fileURLToPath(import.meta.url)
const dirname = path.dirname(filename)

export default buildConfig({
  admin: { user: Users.slug, importMap: { baseDir: path.resolve(dirname) } },
  collections: [Users, Pages],
  editor: lexicalEditor(),
  secret: process.env.PAYLOAD_SECRET || '',
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  db: sqliteAdapter({ client: { url: process.env.DATABASE_URI || 'file:./site.db' }, transactionOptions: {} }),
  plugins: [
    soundtrackReviews({
      siteUrl: 'https://site.example',
      // Look for due reviews every five seconds, so the test waits seconds, not a minute.
      schedule: { cron: '*/5 * * * * *' },
      // The site's pages live in this Next app: expire what a change names, at once (Next 16's signature).
      // From the publishing job's cron, outside any request, the plugin calls this again inside one.
      revalidate: ({ tags }) => {
        for (const tag of tags) {
          revalidateTag(tag, { expire: 0 })
        }
      },
    }),
  ],
})
