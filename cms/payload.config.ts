import type { SoundtrackReviewsOptions } from 'payload-soundtrack-reviews'

import { redisKVAdapter } from '@payloadcms/kv-redis'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { fr } from '@payloadcms/translations/languages/fr'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { soundtrackReviews } from 'payload-soundtrack-reviews'

import { databaseAdapter } from './database'
import { resolvePayloadSecret } from './secret'
import { PREVIEW_URL, signedPreviewURL } from './site/previewLink'
import { isSiteServed } from './site/serveSite'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** This server's own origin: the CSRF allow-list for cookie-authenticated writes, and `secure` cookies on https. */
const serverURL = (
  process.env.SERVER_URL ||
  process.env.SITE_URL ||
  `http://localhost:${process.env.PORT || 3000}`
).replace(/\/+$/, '')
const siteURL = (process.env.SITE_URL || serverURL).replace(/\/+$/, '')

/** `WEBHOOK_RETRY_SECONDS=5,300,1800`: the waits between webhook attempts (the plugin refuses a bad list at start). */
const retrySeconds = (list: string): number[] => list.split(',').map((seconds) => Number(seconds.trim()))

/**
 * `REDIS_URL`: Payload's kv store (the public cache's tag versions, the job's run state) in Redis
 * instead of a database table. Instances on one database share keys; another database never sees them.
 */
const kv = (redisURL: string | undefined, databaseURI: string) =>
  redisURL
    ? redisKVAdapter({
        redisURL,
        keyPrefix: `soundtracks:${createHash('sha256').update(databaseURI).digest('hex').slice(0, 12)}:`,
      })
    : undefined

/** The plugin's options; the app's reader pages resolve the same ones (their JSON-LD is the API's, byte for byte). */
export const soundtrackReviewsOptions: SoundtrackReviewsOptions = {
  siteUrl: siteURL,
  reviewUrl: process.env.REVIEW_URL || undefined,
  publisher: { name: 'Exploring Soundtracks' },
  ...(process.env.PUBLISH_CRON ? { schedule: { cron: process.env.PUBLISH_CRON } } : {}),
  webhooks: {
    // A developer's local frontend may receive webhooks; production refuses loopback and private networks.
    allowPrivateNetworks: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS
      ? process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true'
      : process.env.NODE_ENV !== 'production',
    ...(process.env.WEBHOOK_RETRY_SECONDS ? { retrySeconds: retrySeconds(process.env.WEBHOOK_RETRY_SECONDS) } : {}),
  },
  // Editors preview on this app's own review page: Live Preview signed in, the Preview button with a signed link.
  ...(isSiteServed()
    ? { previewUrl: PREVIEW_URL, overrides: { reviews: { admin: { preview: signedPreviewURL } } } }
    : {}),
}

export default buildConfig({
  secret: resolvePayloadSecret(),
  serverURL,
  csrf: [...new Set([serverURL, siteURL].map((url) => new URL(url).origin))],
  db: databaseAdapter(process.env.DATABASE_URI || undefined),
  kv: kv(process.env.REDIS_URL || undefined, process.env.DATABASE_URI || ''),
  editor: lexicalEditor(),
  admin: {
    user: 'users',
    // Gravatar would load from gravatar.com: a broken image on an intranet or offline.
    avatar: 'default',
    importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · Exploring Soundtracks' },
  },
  // Each editor picks one under Account; the plugin brings its own strings for all three.
  i18n: { supportedLanguages: { en, de, fr } },
  collections: [
    {
      slug: 'users',
      // The app's own collection speaks the app's three languages too.
      labels: {
        singular: { en: 'User', de: 'Benutzer', fr: 'Utilisateur' },
        plural: { en: 'Users', de: 'Benutzer', fr: 'Utilisateurs' },
      },
      auth: { cookies: { secure: serverURL.startsWith('https:'), sameSite: 'Lax' } },
      fields: [
        {
          name: 'name',
          type: 'text',
          label: { en: 'Name', de: 'Name', fr: 'Nom' },
          admin: {
            description: {
              en: 'Shown as the byline of your reviews.',
              de: 'Steht als Autorenzeile über Ihren Rezensionen.',
              fr: 'Affiché comme signature de vos critiques.',
            },
          },
        },
      ],
    },
  ],
  plugins: [soundtrackReviews(soundtrackReviewsOptions)],
  // The plugin's code stays generic over ids and slugs: the generated types are for frontends.
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), declare: false },
  graphQL: { schemaOutputFile: path.resolve(dirname, 'generated-schema.graphql') },
})
