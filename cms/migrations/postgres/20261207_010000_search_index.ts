import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { rebuildSearchIndex } from 'payload-soundtrack-reviews'

/**
 * The search index (issue 20), in a schema of its own: documents with a weighted tsvector (accents
 * folded by unaccent), the indexed words with trigrams for typos, and the published content in it.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE EXTENSION IF NOT EXISTS unaccent;
   CREATE EXTENSION IF NOT EXISTS pg_trgm;
   CREATE SCHEMA IF NOT EXISTS "soundtrack_search";
   CREATE TABLE IF NOT EXISTS "soundtrack_search"."documents" (
  	"type" text NOT NULL,
  	"doc_id" text NOT NULL,
  	"title" text NOT NULL,
  	"slug" text,
  	"url" text,
  	"film_title" text,
  	"film_slug" text,
  	"title_text" text NOT NULL,
  	"names_text" text NOT NULL,
  	"body_text" text NOT NULL,
  	"document" tsvector NOT NULL,
  	PRIMARY KEY ("type", "doc_id")
  );
  CREATE INDEX IF NOT EXISTS "documents_document_idx" ON "soundtrack_search"."documents" USING gin ("document");
  CREATE TABLE IF NOT EXISTS "soundtrack_search"."words" ("word" text PRIMARY KEY);
  CREATE INDEX IF NOT EXISTS "words_word_trgm_idx" ON "soundtrack_search"."words" USING gin ("word" gin_trgm_ops);
  DO $$ BEGIN
    CREATE TEXT SEARCH CONFIGURATION "soundtrack_search"."folded" (COPY = pg_catalog.simple);
  EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$;
  ALTER TEXT SEARCH CONFIGURATION "soundtrack_search"."folded"
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, pg_catalog.simple;`)
  await rebuildSearchIndex(payload, req)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP SCHEMA IF EXISTS "soundtrack_search" CASCADE;`)
}
