import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 12345 work orders and their transitions. */
export class HotlineWorkOrders1765200000000 implements MigrationInterface {
  name = 'HotlineWorkOrders1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "hotline_work_orders" (
      "id" BIGSERIAL NOT NULL,
      "integration" character varying(64) NOT NULL,
      "external_id" character varying(128),
      "request_hash" character varying(64),
      "channel" character varying(32) NOT NULL,
      "category" character varying(8) NOT NULL,
      "content" text NOT NULL,
      "content_masked" text NOT NULL,
      "caller_phone" character varying(32),
      "caller_phone_masked" character varying(32),
      "area_code" character varying(64),
      "department" text,
      "reply_mode" character varying(16) NOT NULL,
      "status" character varying(16) NOT NULL,
      "deadline" TIMESTAMP WITH TIME ZONE,
      "deadline_source" character varying(16),
      "deadline_note" text,
      "callback_due_at" TIMESTAMP WITH TIME ZONE,
      "engine_decision" character varying(16),
      "proposed_concern_id" character varying(128),
      "proposed_answer" text,
      "answer" text,
      "owner_user_id" character varying(64),
      "satisfaction" character varying(16),
      "reminded_at" TIMESTAMP WITH TIME ZONE,
      "overdue_at" TIMESTAMP WITH TIME ZONE,
      "escalated_at" TIMESTAMP WITH TIME ZONE,
      "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_hotline_work_orders" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_hotline_work_orders_external" ON "hotline_work_orders" ("integration", "external_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_work_orders_category" ON "hotline_work_orders" ("category")`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_work_orders_reply_mode" ON "hotline_work_orders" ("reply_mode")`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_work_orders_status" ON "hotline_work_orders" ("status")`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_work_orders_deadline" ON "hotline_work_orders" ("deadline")`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_work_orders_created_at" ON "hotline_work_orders" ("created_at")`);
    await queryRunner.query(`CREATE TABLE "hotline_work_order_transitions" (
      "id" BIGSERIAL NOT NULL,
      "order_id" bigint NOT NULL,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "actor" character varying(160) NOT NULL,
      "actor_name" character varying(128),
      "from_status" character varying(16),
      "to_status" character varying(16) NOT NULL,
      "action" character varying(16) NOT NULL,
      "note" text,
      CONSTRAINT "PK_hotline_work_order_transitions" PRIMARY KEY ("id"),
      CONSTRAINT "FK_hotline_transitions_order" FOREIGN KEY ("order_id") REFERENCES "hotline_work_orders"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "IDX_hotline_transitions_order" ON "hotline_work_order_transitions" ("order_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hotline_work_order_transitions"`);
    await queryRunner.query(`DROP TABLE "hotline_work_orders"`);
  }
}
