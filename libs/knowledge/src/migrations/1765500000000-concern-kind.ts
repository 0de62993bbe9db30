import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A concern's kind: `concern` (answered by the county) or `referral` (转办指引: another channel
 * handles it). Existing rows are concerns. A folder imported before this column existed kept an
 * unknown `kind:` field in `extra`; a valid one moves into the column, so that export writes it once.
 */
export class ConcernKind1765500000000 implements MigrationInterface {
  name = 'ConcernKind1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "concerns" ADD COLUMN "kind" character varying(16) NOT NULL DEFAULT 'concern'`);
    await queryRunner.query(`UPDATE "concerns" SET "kind" = "extra"->>'kind', "extra" = "extra" - 'kind' WHERE "extra"->>'kind' IN ('concern', 'referral')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "concerns" SET "extra" = "extra" || jsonb_build_object('kind', "kind") WHERE "kind" <> 'concern'`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP COLUMN "kind"`);
  }
}
