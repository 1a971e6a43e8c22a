import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The CI and newcomer machines have 2 cores: type checking is `npm run typecheck`'s job.
  typescript: { ignoreBuildErrors: true },
  webpack: (webpackConfig) => {
    // Our sources import with extensionless and `.js` specifiers that point at `.ts` files.
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
