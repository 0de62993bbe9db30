import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** 标准目录事项. Text cells are stored as staff wrote them (see knowledge-model.ts). */
@Entity('catalogue_items')
export class CatalogueItemEntity {
  @PrimaryColumn('varchar', { length: 128 })
  id: string;

  @Index()
  @Column('varchar', { name: 'area_code', length: 64 })
  areaCode: string;

  @Column('text')
  level1: string;

  @Column('text')
  title: string;

  @Column('text')
  content: string;

  @Column('text', { nullable: true })
  basis: string | null;

  @Column('text', { name: 'time_limit', nullable: true })
  timeLimit: string | null;

  @Column('text', { nullable: true })
  publisher: string | null;

  @Column('text', { nullable: true })
  channels: string | null;

  @Column('text', { nullable: true })
  audience: string | null;

  @Column('text', { nullable: true })
  mode: string | null;

  @Column('text', { nullable: true })
  level: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  extra: Record<string, string>;

  @Column('text', { name: 'source_file', default: '' })
  sourceFile: string;

  @Column('int', { default: 0 })
  position: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
