import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The knowledge store and the query log. Written from the entities' schema, plus link foreign keys. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "areas" ("code" character varying(64) NOT NULL, "name" text NOT NULL, "aliases" jsonb NOT NULL DEFAULT '[]', "department" text, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1ce4e4f7cd8d820081bc74aa16c" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "catalogue_items" ("id" character varying(128) NOT NULL, "area_code" character varying(64) NOT NULL, "level1" text NOT NULL, "title" text NOT NULL, "content" text NOT NULL, "basis" text, "time_limit" text, "publisher" text, "channels" text, "audience" text, "mode" text, "level" text, "extra" jsonb NOT NULL DEFAULT '{}', "source_file" text NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dfdfa87af17a78ccfe793a5a0b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1d201febc738b9092f16be6a52" ON "catalogue_items"("area_code")`);
    await queryRunner.query(`CREATE TABLE "concerns" ("id" character varying(128) NOT NULL, "title" text NOT NULL, "question" text NOT NULL, "paraphrases" jsonb NOT NULL DEFAULT '[]', "keywords" jsonb NOT NULL DEFAULT '[]', "answer" text NOT NULL, "area_code" character varying(64), "status" character varying(16) NOT NULL DEFAULT 'published', "extra" jsonb NOT NULL DEFAULT '{}', "source_file" text NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_743844335346f7379d1fc28950a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_72a023a779f0c6236085ed7f80" ON "concerns"("area_code")`);
    await queryRunner.query(`CREATE INDEX "IDX_92bd9a759884f7bd53f6abe951" ON "concerns"("status")`);
    await queryRunner.query(`CREATE TABLE "synonym_groups" ("id" SERIAL NOT NULL, "terms" jsonb NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_356b8f18da68331879ff6d72f6a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "domain_words" ("word" character varying(64) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1026b54bc0e4aae404662134906" PRIMARY KEY ("word"))`);
    await queryRunner.query(`CREATE TABLE "app_state" ("key" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_f6be62945719bc9b8c6c6df260c" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "interpretations" ("id" character varying(128) NOT NULL, "title" text NOT NULL, "document" text, "doc_number" text, "publisher" text, "date" text, "url" text, "form" text, "body" text NOT NULL DEFAULT '', "extra" jsonb NOT NULL DEFAULT '{}', "source_file" text NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce8b33742202f71f0f62678bc8c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "concern_items" ("concern_id" character varying(128) NOT NULL, "item_id" character varying(128) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_a71a70e45d3b74fb4660c0a3f17" PRIMARY KEY ("concern_id", "item_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7c5a160205e7552fc622c1b703" ON "concern_items"("item_id")`);
    await queryRunner.query(`CREATE TABLE "concern_interpretations" ("concern_id" character varying(128) NOT NULL, "interpretation_id" character varying(128) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cdd3b54a8aa6e7daf1f550e3e65" PRIMARY KEY ("concern_id", "interpretation_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_981fa40db63c67fbd1b79eb3c0" ON "concern_interpretations"("interpretation_id")`);
    await queryRunner.query(`CREATE TABLE "interpretation_items" ("interpretation_id" character varying(128) NOT NULL, "item_id" character varying(128) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_282e656aebc5172e6db0c833446" PRIMARY KEY ("interpretation_id", "item_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7555eb74e1a266cf92493d6017" ON "interpretation_items"("item_id")`);
    await queryRunner.query(`CREATE TABLE "query_log" ("id" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "channel" character varying(16) NOT NULL, "user_ref" character varying(128), "question" text NOT NULL, "normalized" text NOT NULL, "decision" character varying(16) NOT NULL, "concern_id" character varying(128), "top_score" real, "candidates" jsonb NOT NULL DEFAULT '[]', "latency_ms" real, "feedback" smallint, CONSTRAINT "PK_2dcb03c735e758040860d71f9e7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_057dba8957c8f5524fa8922d12" ON "query_log"("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_8a57cf68a23d3c27b3e4afc6bf" ON "query_log"("decision")`);
    await queryRunner.query(`CREATE INDEX "IDX_befeb26f10378d04428f68d9b1" ON "query_log"("concern_id")`);
    await queryRunner.query(`ALTER TABLE "catalogue_items" ADD CONSTRAINT "FK_catalogue_items_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "concerns" ADD CONSTRAINT "FK_concerns_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON UPDATE CASCADE ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE "concern_items" ADD CONSTRAINT "FK_concern_items_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "concern_items" ADD CONSTRAINT "FK_concern_items_item" FOREIGN KEY ("item_id") REFERENCES "catalogue_items"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "concern_interpretations" ADD CONSTRAINT "FK_concern_interpretations_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "concern_interpretations" ADD CONSTRAINT "FK_concern_interpretations_interpretation" FOREIGN KEY ("interpretation_id") REFERENCES "interpretations"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "interpretation_items" ADD CONSTRAINT "FK_interpretation_items_interpretation" FOREIGN KEY ("interpretation_id") REFERENCES "interpretations"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "interpretation_items" ADD CONSTRAINT "FK_interpretation_items_item" FOREIGN KEY ("item_id") REFERENCES "catalogue_items"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "query_log"`);
    await queryRunner.query(`DROP TABLE "interpretation_items"`);
    await queryRunner.query(`DROP TABLE "concern_interpretations"`);
    await queryRunner.query(`DROP TABLE "concern_items"`);
    await queryRunner.query(`DROP TABLE "interpretations"`);
    await queryRunner.query(`DROP TABLE "app_state"`);
    await queryRunner.query(`DROP TABLE "domain_words"`);
    await queryRunner.query(`DROP TABLE "synonym_groups"`);
    await queryRunner.query(`DROP TABLE "concerns"`);
    await queryRunner.query(`DROP TABLE "catalogue_items"`);
    await queryRunner.query(`DROP TABLE "areas"`);
  }
}
