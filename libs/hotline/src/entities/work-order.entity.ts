import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WorkOrderCategory } from '@app/common';
import type { ReplyMode, WorkOrderStatus } from '../work-order-lifecycle.js';

export type DeadlineSource = 'calendar' | 'manual' | 'manual-required';

/**
 * A 12345 工单 (GB/T 33358: the record of one caller's request through 受理 … 回访). The caller's
 * phone and the content are stored in full for the handlers; the masked copies are what lists,
 * logs and exports show.
 */
@Entity('hotline_work_orders')
@Index('UQ_hotline_work_orders_external', ['integration', 'externalId'], { unique: true })
export class WorkOrderEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The adapter (API key name) that created it, or `console` for an operator. */
  @Column('varchar', { length: 64 })
  integration: string;

  @Column('varchar', { name: 'external_id', length: 128, nullable: true })
  externalId: string | null;

  /** sha256 of the creating request, to tell a retry (same body) from a conflicting reuse of the external id. */
  @Column('varchar', { name: 'request_hash', length: 64, nullable: true })
  requestHash: string | null;

  @Column('varchar', { length: 32 })
  channel: string;

  @Index()
  @Column('varchar', { length: 8 })
  category: WorkOrderCategory;

  @Column('text')
  content: string;

  @Column('text', { name: 'content_masked' })
  contentMasked: string;

  @Column('varchar', { name: 'caller_phone', length: 32, nullable: true })
  callerPhone: string | null;

  @Column('varchar', { name: 'caller_phone_masked', length: 32, nullable: true })
  callerPhoneMasked: string | null;

  /** Policy area (领域) code, given by the platform or taken from the matched concern. */
  @Column('varchar', { name: 'area_code', length: 64, nullable: true })
  areaCode: string | null;

  @Column('text', { nullable: true })
  department: string | null;

  @Index()
  @Column('varchar', { name: 'reply_mode', length: 16 })
  replyMode: ReplyMode;

  @Index()
  @Column('varchar', { length: 16 })
  status: WorkOrderStatus;

  @Index()
  @Column('timestamptz', { nullable: true })
  deadline: Date | null;

  @Column('varchar', { name: 'deadline_source', length: 16, nullable: true })
  deadlineSource: DeadlineSource | null;

  @Column('text', { name: 'deadline_note', nullable: true })
  deadlineNote: string | null;

  /** 短时答复: when the operator must call back. */
  @Column('timestamptz', { name: 'callback_due_at', nullable: true })
  callbackDueAt: Date | null;

  @Column('varchar', { name: 'engine_decision', length: 16, nullable: true })
  engineDecision: string | null;

  @Column('varchar', { name: 'proposed_concern_id', length: 128, nullable: true })
  proposedConcernId: string | null;

  /** 短时答复: the concerns the engine offered; the operator confirms one (or none) with the caller. */
  @Column('jsonb', { name: 'proposed_choices', default: () => "'[]'" })
  proposedChoices: { id: string; title: string }[];

  @Column('text', { name: 'proposed_answer', nullable: true })
  proposedAnswer: string | null;

  /** The reply given to the caller. */
  @Column('text', { nullable: true })
  answer: string | null;

  @Column('varchar', { name: 'owner_user_id', length: 64, nullable: true })
  ownerUserId: string | null;

  @Column('varchar', { length: 16, nullable: true })
  satisfaction: string | null;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column('timestamptz', { name: 'overdue_at', nullable: true })
  overdueAt: Date | null;

  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  @Column('timestamptz', { name: 'accepted_at' })
  acceptedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
