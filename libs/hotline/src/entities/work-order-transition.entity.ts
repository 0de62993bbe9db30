import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TransitionAction, WorkOrderStatus } from '../work-order-lifecycle.js';

/** Every step of a work order: who (user, integration or system), when, from what to what, and why. */
@Entity('hotline_work_order_transitions')
export class WorkOrderTransitionEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @Column('bigint', { name: 'order_id' })
  orderId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** `user:<id>`, `integration:<name>` or `system`. */
  @Column('varchar', { length: 160 })
  actor: string;

  @Column('varchar', { name: 'actor_name', length: 128, nullable: true })
  actorName: string | null;

  @Column('varchar', { name: 'from_status', length: 16, nullable: true })
  fromStatus: WorkOrderStatus | null;

  @Column('varchar', { name: 'to_status', length: 16 })
  toStatus: WorkOrderStatus;

  @Column('varchar', { length: 16 })
  action: TransitionAction;

  /** Free text, with phone and ID numbers masked. */
  @Column('text', { nullable: true })
  note: string | null;
}
