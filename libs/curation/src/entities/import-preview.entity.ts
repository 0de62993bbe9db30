import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A checked catalogue upload waiting to be committed (kept in the database so any instance can commit it). */
@Entity('import_previews')
export class ImportPreviewEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('int', { name: 'user_id', nullable: true })
  userId: number | null;

  @Column('text')
  filename: string;

  @Column('jsonb')
  payload: unknown;
}
