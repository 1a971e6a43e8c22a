import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // @payloadcms/sdk (a frontend client, dev-only here) lags the server packages by a patch release.
    env: { PAYLOAD_DISABLE_DEPENDENCY_CHECKER: 'true' },
  },
})
