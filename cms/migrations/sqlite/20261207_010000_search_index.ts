import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildSearchIndex } from 'payload-soundtrack-reviews'

/** The search index (issue 20): FTS5 with folded accents, its vocabulary, and the published content in it. */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE IF NOT EXISTS \`soundtrack_search_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`type\` text NOT NULL,
  	\`doc_id\` text NOT NULL,
  	\`title\` text NOT NULL,
  	\`slug\` text,
  	\`url\` text,
  	\`film_title\` text,
  	\`film_slug\` text,
  	UNIQUE (\`type\`, \`doc_id\`)
  );`)
  await db.run(
    sql`CREATE VIRTUAL TABLE IF NOT EXISTS \`soundtrack_search\` USING fts5(title, names, body, tokenize = 'unicode61 remove_diacritics 2');`,
  )
  await db.run(sql`CREATE VIRTUAL TABLE IF NOT EXISTS \`soundtrack_search_vocab\` USING fts5vocab(soundtrack_search, row);`)
  await rebuildSearchIndex(payload, req)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS \`soundtrack_search_vocab\`;`)
  await db.run(sql`DROP TABLE IF EXISTS \`soundtrack_search\`;`)
  await db.run(sql`DROP TABLE IF EXISTS \`soundtrack_search_documents\`;`)
}
