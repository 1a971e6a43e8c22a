import { defineConfig } from 'vitest/config'

import { sourceAliases } from './test/sourceAliases'

/** Browser tests: the built admin behind the express server, driven by the system's Chromium. */
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // The first run builds the admin (about two minutes on two cores).
    hookTimeout: 600_000,
    testTimeout: 180_000,
  },
})
