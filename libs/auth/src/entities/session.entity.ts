import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A sign-in. Only the SHA-256 of the token is stored, so a database leak does not leak sessions. */
@Entity('auth_sessions')
export class SessionEntity {
  @PrimaryColumn('varchar', { name: 'token_hash', length: 64 })
  tokenHash: string;

  @Index()
  @Column('int', { name: 'user_id' })
  userId: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index()
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('varchar', { length: 64, nullable: true })
  ip: string | null;
}
