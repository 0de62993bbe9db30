import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** 政策解读. */
@Entity('interpretations')
export class InterpretationEntity {
  @PrimaryColumn('varchar', { length: 128 })
  id: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  document: string | null;

  @Column('text', { name: 'doc_number', nullable: true })
  docNumber: string | null;

  @Column('text', { nullable: true })
  publisher: string | null;

  @Column('text', { nullable: true })
  date: string | null;

  @Column('text', { nullable: true })
  url: string | null;

  @Column('text', { nullable: true })
  form: string | null;

  @Column('text', { default: '' })
  body: string;

  @Column('jsonb', { default: () => "'{}'" })
  extra: Record<string, unknown>;

  @Column('text', { name: 'source_file', default: '' })
  sourceFile: string;

  @Column('int', { default: 0 })
  position: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
