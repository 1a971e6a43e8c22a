import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`publication_schedule\` DROP COLUMN \`last_error\`;`)
  await db.run(sql`ALTER TABLE \`publication_schedule\` DROP COLUMN \`last_run_at\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`publication_schedule\` ADD \`last_error\` text;`)
  await db.run(sql`ALTER TABLE \`publication_schedule\` ADD \`last_run_at\` text;`)
}
