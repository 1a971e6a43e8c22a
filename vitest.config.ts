import { defineConfig } from 'vitest/config'

import { sourceAliases } from './test/sourceAliases'

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['test/**/*.spec.ts'],
    exclude: ['test/e2e/**', 'test/consumer/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
