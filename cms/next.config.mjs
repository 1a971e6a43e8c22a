import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The CI and newcomer machines have 2 cores: type checking is `npm run typecheck`'s job.
  typescript: { ignoreBuildErrors: true },
  // The plugin's sources sit beside this app, one folder up.
  outputFileTracingRoot: root,
  // app/global-not-found.tsx: a path no route serves gets the reader site's 404 page, not Next's bare one.
  experimental: { globalNotFound: true },
  webpack: (webpackConfig) => {
    // The app uses the plugin by its package name, resolved to the sources (no build needed);
    // a site that installs it from npm gets the built `dist/` instead.
    webpackConfig.resolve.alias = {
      ...webpackConfig.resolve.alias,
      'payload-soundtrack-reviews$': path.join(root, 'src/index.ts'),
      'payload-soundtrack-reviews/client$': path.join(root, 'src/exports/client.ts'),
    }
    // The plugin's sources import `./x.js`, meaning `./x.ts` until they are built.
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
