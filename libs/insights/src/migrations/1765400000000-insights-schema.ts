import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The learning loop's state: handled question texts and the last listing of each group. */
export class InsightsSchema1765400000000 implements MigrationInterface {
  name = 'InsightsSchema1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "learning_handled" ("normalized" text NOT NULL, "action" character varying(16) NOT NULL, "concern_id" character varying(128), "group_key" character varying(32) NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "handled_by" character varying(128) NOT NULL, CONSTRAINT "PK_learning_handled" PRIMARY KEY ("normalized"))`);
    await queryRunner.query(`CREATE TABLE "learning_groups" ("key" character varying(32) NOT NULL, "label" text NOT NULL, "questions" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_learning_groups" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_learning_groups_computed_at" ON "learning_groups"("computed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "learning_groups"`);
    await queryRunner.query(`DROP TABLE "learning_handled"`);
  }
}
