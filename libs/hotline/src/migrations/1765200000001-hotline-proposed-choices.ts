import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The concerns the engine offered when it asked back (短时答复): the operator confirms one of them. */
export class HotlineProposedChoices1765200000001 implements MigrationInterface {
  name = 'HotlineProposedChoices1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hotline_work_orders" ADD COLUMN "proposed_choices" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hotline_work_orders" DROP COLUMN "proposed_choices"`);
  }
}
