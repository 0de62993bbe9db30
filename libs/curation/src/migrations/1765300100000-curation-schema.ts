import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console curation: the needs-review flag on concerns (set when an item or interpretation they rest
 * on changes), the audit log, and catalogue import previews. A concern's owner and review date are
 * kept in its `extra` fields (owner, reviewDate), so that they travel in the knowledge folder too.
 */
export class CurationSchema1765300100000 implements MigrationInterface {
  name = 'CurationSchema1765300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "concerns" ADD COLUMN "needs_review" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "concerns" ADD COLUMN "review_note" text`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" integer, "username" character varying(64) NOT NULL, "action" character varying(16) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" character varying(128) NOT NULL, "before" jsonb, "after" jsonb, "revert_of" bigint, CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_at" ON "audit_log"("at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_entity" ON "audit_log"("entity_type", "entity_id")`);
    await queryRunner.query(`CREATE TABLE "import_previews" ("id" character varying(36) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_id" integer, "filename" text NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "PK_import_previews" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_previews"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP COLUMN "review_note"`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP COLUMN "needs_review"`);
  }
}
