import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts whose password someone else has seen (the printed first admin password) must change it. */
export class MustChangePassword1765300000001 implements MigrationInterface {
  name = 'MustChangePassword1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
