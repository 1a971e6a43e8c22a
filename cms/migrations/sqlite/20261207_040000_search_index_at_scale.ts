import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildSearchIndex } from 'payload-soundtrack-reviews'

/**
 * The search index at archive scale (issue 20): a table of the indexed words by length for typo
 * lookups, and FTS rows numbered by document and type (facets without a join), so the index is
 * built afresh.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE IF NOT EXISTS \`soundtrack_search_words\` (
  	\`length\` integer NOT NULL,
  	\`word\` text NOT NULL,
  	PRIMARY KEY (\`length\`, \`word\`)
  ) WITHOUT ROWID;`)
  await rebuildSearchIndex(payload, req)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS \`soundtrack_search_words\`;`)
}
