import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every question asked, with what the engine decided: the raw material of the learning loop. */
@Entity('query_log')
export class QueryLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('varchar', { length: 16 })
  channel: string;

  /** Pseudonymous user reference (openid or session id); never a phone number. */
  @Column('varchar', { name: 'user_ref', length: 128, nullable: true })
  userRef: string | null;

  /** The question with phone and ID numbers masked. */
  @Column('text')
  question: string;

  @Column('text')
  normalized: string;

  @Index()
  @Column('varchar', { length: 16 })
  decision: string;

  @Index()
  @Column('varchar', { name: 'concern_id', length: 128, nullable: true })
  concernId: string | null;

  @Column('real', { name: 'top_score', nullable: true })
  topScore: number | null;

  @Column('jsonb', { default: () => "'[]'" })
  candidates: { id: string; score: number }[];

  @Column('real', { name: 'latency_ms', nullable: true })
  latencyMs: number | null;

  @Column('smallint', { nullable: true })
  feedback: number | null;
}
