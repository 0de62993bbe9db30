import { WorkOrderTransitionEntity } from './entities/work-order-transition.entity.js';
import { WorkOrderEntity } from './entities/work-order.entity.js';
import { HotlineWorkOrders1765200000000 } from './migrations/1765200000000-hotline-work-orders.js';
import { HotlineProposedChoices1765200000001 } from './migrations/1765200000001-hotline-proposed-choices.js';

export * from './working-day-calendar.js';
export * from './work-order-lifecycle.js';
export * from './work-order-errors.js';
export * from './hotline-settings.js';
export * from './api-keys.js';
export * from './highlight.js';
export * from './operator-search.service.js';
export * from './work-order-scheduler.js';
export * from './work-order.service.js';
export * from './hotline.module.js';
export { WorkOrderEntity, WorkOrderTransitionEntity };
export type { DeadlineSource } from './entities/work-order.entity.js';

/** Tables of the 12345 hotline (listed in SERVICE_SCHEMA). */
export const HOTLINE_ENTITIES = [WorkOrderEntity, WorkOrderTransitionEntity];
/** Append new ones; never edit one that has shipped. */
export const HOTLINE_MIGRATIONS = [HotlineWorkOrders1765200000000, HotlineProposedChoices1765200000001];
export * from './work-order-view.js';
