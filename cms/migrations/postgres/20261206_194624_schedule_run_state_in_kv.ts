import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "publication_schedule" DROP COLUMN "last_error";
  ALTER TABLE "publication_schedule" DROP COLUMN "last_run_at";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "publication_schedule" ADD COLUMN "last_error" varchar;
  ALTER TABLE "publication_schedule" ADD COLUMN "last_run_at" timestamp(3) with time zone;`)
}
