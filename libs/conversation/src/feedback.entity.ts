import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A resident's "有用 / 没用" on one answer (web chat 👍/👎, WeChat 1/0). Read by the console's feedback stats. */
@Entity('answer_feedback')
export class AnswerFeedbackEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('varchar', { length: 16 })
  channel: string;

  /** Pseudonymous: openid or web session id. */
  @Column('varchar', { name: 'user_ref', length: 128, nullable: true })
  userRef: string | null;

  @Index()
  @Column('varchar', { name: 'concern_id', length: 128 })
  concernId: string;

  @Column('boolean')
  useful: boolean;

  /** The question that was answered, phone and ID numbers masked. */
  @Column('text', { nullable: true })
  question: string | null;
}
