import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { GroupedQuestion } from '../question-grouper.js';

/**
 * The last listing of a group, so that an action on its key acts on exactly the questions staff
 * saw — on any instance, whatever window or channel the list was filtered by.
 */
@Entity('learning_groups')
export class LearningGroupEntity {
  @PrimaryColumn('varchar', { length: 32 })
  key: string;

  @Column('text')
  label: string;

  @Column('jsonb')
  questions: GroupedQuestion[];

  @Index()
  @Column('timestamptz', { name: 'computed_at' })
  computedAt: Date;
}
