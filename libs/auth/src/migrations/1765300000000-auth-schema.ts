import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Console accounts and their sessions. */
export class AuthSchema1765300000000 implements MigrationInterface {
  name = 'AuthSchema1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "username" character varying(64) NOT NULL, "display_name" text NOT NULL, "role" character varying(16) NOT NULL, "password_hash" text NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_users_username" UNIQUE ("username"), CONSTRAINT "PK_users" PRIMARY KEY ("id"), CONSTRAINT "CHK_users_role" CHECK ("role" IN ('admin', 'curator', 'operator')))`);
    await queryRunner.query(`CREATE TABLE "auth_sessions" ("token_hash" character varying(64) NOT NULL, "user_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" character varying(64), CONSTRAINT "PK_auth_sessions" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "IDX_auth_sessions_user" ON "auth_sessions"("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_auth_sessions_expires" ON "auth_sessions"("expires_at")`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
