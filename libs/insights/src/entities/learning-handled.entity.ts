import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LearningAction = 'new-concern' | 'add-paraphrases' | 'dismiss';

/**
 * A question text the learning loop has dealt with. Turned into a concern or its paraphrases: the
 * text never comes back. Dismissed: askings up to `handledAt` stay hidden, later ones come back.
 */
@Entity('learning_handled')
export class LearningHandledEntity {
  /** `query_log.normalized`, exactly as stored. */
  @PrimaryColumn('text')
  normalized: string;

  @Column('varchar', { length: 16 })
  action: LearningAction;

  @Column('varchar', { name: 'concern_id', length: 128, nullable: true })
  concernId: string | null;

  @Column('varchar', { name: 'group_key', length: 32 })
  groupKey: string;

  @Column('timestamptz', { name: 'handled_at' })
  handledAt: Date;

  @Column('varchar', { name: 'handled_by', length: 128 })
  handledBy: string;
}
