import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change to the knowledge: who, when, what, and the record before and after (null = did not exist). */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;

  @Column('int', { name: 'user_id', nullable: true })
  userId: number | null;

  @Column('varchar', { length: 64 })
  username: string;

  @Column('varchar', { length: 16 })
  action: string;

  @Column('varchar', { name: 'entity_type', length: 32 })
  entityType: string;

  @Column('varchar', { name: 'entity_id', length: 128 })
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  /** For a revert: the entry it undid. */
  @Column('bigint', { name: 'revert_of', nullable: true })
  revertOf: string | null;
}
