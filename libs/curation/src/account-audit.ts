import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccountAudit, AuditActor } from '@app/auth';
import { AuditLogEntity } from './entities/index.js';

/** The audit log's entity type of account changes (shown to administrators only). */
export const ACCOUNT_ENTITY = 'user';

/** Account changes go into the same audit log as knowledge changes (entity type `user`; not revertible). */
@Injectable()
export class AccountAuditLog implements AccountAudit {
  async record(manager: EntityManager, entry: {
    actor: AuditActor; action: string; entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null;
  }): Promise<void> {
    await manager.insert(AuditLogEntity, {
      userId: entry.actor.id, username: entry.actor.username, action: entry.action, entityType: ACCOUNT_ENTITY,
      entityId: entry.entityId, before: entry.before as never, after: entry.after as never,
    });
  }
}
