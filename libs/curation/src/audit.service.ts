import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import type { KnowledgeKind, KnowledgeRecordOf } from '@app/knowledge';
import { ACCOUNT_ENTITY } from './account-audit.js';
import type { Actor, Page } from './curation.types.js';
import { AuditLogEntity } from './entities/index.js';
import { KIND_LABELS, KnowledgeChanges, sameRecord } from './knowledge-changes.js';

export interface AuditEntry {
  id: string;
  at: string;
  user: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  revertOf: string | null;
}

function toEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: String(row.id), at: row.at.toISOString(), user: row.username, action: row.action, entityType: row.entityType,
    entityId: row.entityId, before: row.before, after: row.after, revertOf: row.revertOf === null ? null : String(row.revertOf),
  };
}

/** The audit log of knowledge changes (written by KnowledgeChanges in the changes' own transactions), and reverting. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource, private readonly changes: KnowledgeChanges) {}

  /**
   * The log, newest first. Account entries (who was created, promoted, disabled, reset) are for
   * administrators: `accounts: false` leaves them out, whatever the filter asks for.
   */
  async list(
    filter: { entityType?: string; entityId?: string; page?: number; pageSize?: number }, options: { accounts: boolean },
  ): Promise<Page<AuditEntry>> {
    const pageSize = filter.pageSize ?? 20;
    if (!options.accounts && filter.entityType === ACCOUNT_ENTITY) return { total: 0, items: [] };
    const entityType = filter.entityType ?? (options.accounts ? undefined : Not(ACCOUNT_ENTITY));
    const [rows, total] = await this.dataSource.getRepository(AuditLogEntity).findAndCount({
      where: { ...(entityType ? { entityType } : {}), ...(filter.entityId ? { entityId: filter.entityId } : {}) },
      order: { id: 'DESC' },
      skip: ((filter.page ?? 1) - 1) * pageSize,
      take: pageSize,
    });
    return { total, items: rows.map(toEntry) };
  }

  /**
   * Puts the record back as it was before the entry (removing it if the entry created it). The
   * revert is itself an audited change, so it can be reverted too. Refused when the record has
   * changed since (revert the later entries first) or the old version no longer fits (e.g. a link
   * to an item that is gone).
   */
  async revert(actor: Actor, entryId: string): Promise<AuditEntry> {
    const newId = await this.changes.run(actor, async (tx) => {
      const entry = await tx.manager.findOneBy(AuditLogEntity, { id: entryId });
      if (!entry) throw new NotFoundException(`审计记录 ${entryId} 不存在`);
      const kind = entry.entityType as KnowledgeKind;
      if (!(kind in KIND_LABELS)) throw new ConflictException('账号的修改不能撤销，请在账号管理中直接修改');
      const current = await tx.get(kind, entry.entityId);
      if (!sameRecord(current, entry.after)) {
        throw new ConflictException(`${KIND_LABELS[kind]}“${entry.entityId}”在此之后又被修改过，请先撤销后面的修改`);
      }
      const restored = entry.before as KnowledgeRecordOf[KnowledgeKind] | null;
      const id = await tx.apply(kind, entry.entityId, 'revert', restored, { revertOf: String(entry.id), keepReviewFlag: true });
      if (!id) throw new ConflictException('这条修改前后内容相同，无需撤销');
      return id;
    });
    const row = await this.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ id: newId });
    return toEntry(row);
  }
}
