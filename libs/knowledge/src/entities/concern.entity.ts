import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ConcernKind, ConcernStatus } from '../knowledge-model.js';

/** 群众关切事项: a question residents ask, with its approved answer (答复口径). */
@Entity('concerns')
export class ConcernEntity {
  @PrimaryColumn('varchar', { length: 128 })
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  question: string;

  @Column('jsonb', { default: () => "'[]'" })
  paraphrases: string[];

  @Column('jsonb', { default: () => "'[]'" })
  keywords: string[];

  @Column('text')
  answer: string;

  @Index()
  @Column('varchar', { name: 'area_code', length: 64, nullable: true })
  areaCode: string | null;

  @Index()
  @Column('varchar', { length: 16, default: 'published' })
  status: ConcernStatus;

  /** concern | referral (转办指引); rows from before the column are concerns. */
  @Column('varchar', { length: 16, default: 'concern' })
  kind: ConcernKind;

  @Column('jsonb', { default: () => "'{}'" })
  extra: Record<string, unknown>;

  @Column('text', { name: 'source_file', default: '' })
  sourceFile: string;

  @Column('int', { default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
