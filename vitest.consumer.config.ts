import { defineConfig } from 'vitest/config'

/** The packed plugin installed into a throwaway Payload site, built and started as its owner would. */
export default defineConfig({
  test: {
    include: ['test/consumer/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    hookTimeout: 1_200_000,
    testTimeout: 180_000,
  },
})
