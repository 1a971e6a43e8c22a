import path from 'node:path'

/** Tests import the plugin by its package name and get its sources, so `npm test` needs no build. */
export const sourceAliases = [
  { find: /^payload-soundtrack-reviews\/client$/, replacement: path.resolve('src/exports/client.ts') },
  { find: /^payload-soundtrack-reviews$/, replacement: path.resolve('src/index.ts') },
]
