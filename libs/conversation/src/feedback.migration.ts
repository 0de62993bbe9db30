import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AnswerFeedbackEntity } from './feedback.entity.js';

export class AnswerFeedback1765100000000 implements MigrationInterface {
  name = 'AnswerFeedback1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "answer_feedback" ("id" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "channel" character varying(16) NOT NULL, "user_ref" character varying(128), "concern_id" character varying(128) NOT NULL, "useful" boolean NOT NULL, "question" text, CONSTRAINT "PK_answer_feedback" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_answer_feedback_created_at" ON "answer_feedback"("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_answer_feedback_concern_id" ON "answer_feedback"("concern_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "answer_feedback"`);
  }
}

/** The feedback table, for SERVICE_SCHEMA (libs/platform). */
export const FEEDBACK_ENTITIES = [AnswerFeedbackEntity];
export const FEEDBACK_MIGRATIONS = [AnswerFeedback1765100000000];
