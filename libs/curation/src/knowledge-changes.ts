import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AreaEntity, areaLookup, CATALOGUE_COLUMNS, concernTextFields, FORMULA_CELL_MESSAGE, startsLikeFormula, bumpRevision, KnowledgeEditor, KnowledgeService, KnowledgeStore, todayInChina, validateBundle,
  type KnowledgeKind, type KnowledgeRecordOf,
} from '@app/knowledge';
import type { Actor } from './curation.types.js';
import { AuditLogEntity } from './entities/index.js';

export const KIND_LABELS: Record<KnowledgeKind, string> = { concern: '关切事项', item: '目录事项', interpretation: '政策解读' };

/** Records compare equal when their JSON does (key order aside): used to skip no-op changes and detect stale previews. */
export function sameRecord(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

// The knowledge validator warns about past review dates with the same calendar.
export { todayInChina };

export interface ApplyOptions {
  revertOf?: string;
  /** Saving a concern counts as reviewing it, unless only its status changed. */
  keepReviewFlag?: boolean;
}

/** One console transaction: changes, their audit entries and one revision bump commit together. */
export class ChangeTransaction {
  changes = 0;

  constructor(
    readonly manager: EntityManager,
    private readonly actor: Actor,
    private readonly editor: KnowledgeEditor,
    private readonly store: KnowledgeStore,
  ) {}

  get<K extends KnowledgeKind>(kind: K, id: string): Promise<KnowledgeRecordOf[K] | null> {
    return this.editor.get(this.manager, kind, id);
  }

  /**
   * Validates and stores `after` (null removes the record), flags the concerns resting on a changed
   * item or interpretation as needing review, and writes the audit entry. Returns the entry id,
   * or null when nothing changed.
   */
  async apply<K extends KnowledgeKind>(
    kind: K, id: string, action: string, after: KnowledgeRecordOf[K] | null, options: ApplyOptions = {},
  ): Promise<string | null> {
    const m = this.manager;
    const before = await this.get(kind, id);
    if (sameRecord(before, after)) return null;
    if (after) await this.validate(kind, after);
    if (kind !== 'concern') {
      const dependents = await this.editor.concernsLinkedTo(m, kind, id);
      if (dependents.length > 0) {
        const what = `${KIND_LABELS[kind]}“${(after ?? before)!.title}”`;
        const note = `${what}${after ? (before ? '已修改' : '已恢复') : '已删除'}（${todayInChina()}，${this.actor.username}）`;
        await m.query(`UPDATE "concerns" SET "needs_review" = true, "review_note" = $2 WHERE "id" = ANY($1)`, [dependents, note]);
      }
    }
    if (after) await this.editor.save(m, kind, after);
    else await this.editor.remove(m, kind, id);
    if (kind === 'concern' && after && !options.keepReviewFlag) {
      await m.query(`UPDATE "concerns" SET "needs_review" = false, "review_note" = NULL WHERE "id" = $1`, [id]);
    }
    const entry = await m.insert(AuditLogEntity, {
      userId: this.actor.id, username: this.actor.username, action, entityType: kind, entityId: id,
      before: before as never, after: after as never, revertOf: options.revertOf ?? null,
    });
    this.changes++;
    return String(entry.identifiers[0].id);
  }

  /**
   * The knowledge folder's rules (knowledge-validator): the area exists, links resolve, no
   * published phrasing is shared with another concern. Problems are a 400 naming each field.
   */
  private async validate(kind: KnowledgeKind, record: KnowledgeRecordOf[KnowledgeKind]): Promise<void> {
    const problems: string[] = [];
    const areaCode = 'areaCode' in record ? record.areaCode : null;
    if (areaCode !== null) {
      const areas = areaLookup(await this.manager.find(AreaEntity));
      if (areas.get(areaCode) !== areaCode) problems.push(`领域“${areaCode}”不存在`);
    }
    // Export writes cells verbatim (the folder format round-trips), so formula-like text is refused at the door.
    for (const [field, value] of formulaFields(kind, record)) {
      if (value && startsLikeFormula(value)) problems.push(`${field}：${FORMULA_CELL_MESSAGE}`);
    }
    if (kind !== 'item') {
      const bundle = await this.store.loadBundle(this.manager);
      const list = (kind === 'concern' ? bundle.concerns : bundle.interpretations) as KnowledgeRecordOf[KnowledgeKind][];
      // Last in the list, so that a clash is reported on this record, not on the one it clashes with.
      const others = list.filter((r) => r.id !== record.id);
      list.splice(0, list.length, ...others, record);
      for (const issue of validateBundle(bundle)) {
        if (issue.entry === record.id) problems.push(issue.field ? `${issue.field}：${issue.message}` : issue.message);
      }
    }
    if (problems.length > 0) {
      throw new BadRequestException(`${KIND_LABELS[kind]}“${record.id}”未保存：${problems.join('；')}`);
    }
  }
}

/**
 * Runs console changes to the knowledge: in one transaction under the knowledge write lock, with
 * audit entries and a revision bump; then this instance reloads at once (others within the poll
 * interval), so that a published concern is answered within seconds, without a restart.
 */
@Injectable()
export class KnowledgeChanges {
  private readonly logger = new Logger(KnowledgeChanges.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editor: KnowledgeEditor,
    private readonly store: KnowledgeStore,
    private readonly knowledge: KnowledgeService,
  ) {}

  async run<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>): Promise<T> {
    let changed = false;
    const result = await this.dataSource.transaction(async (manager) => {
      await this.editor.lock(manager);
      const tx = new ChangeTransaction(manager, actor, this.editor, this.store);
      const value = await work(tx);
      if (tx.changes > 0) await bumpRevision(manager);
      changed = tx.changes > 0;
      return value;
    });
    // Committed: a failed reload here must not turn the saved change into an error; the revision
    // poll picks it up on the next tick.
    if (changed) await this.knowledge.refresh().catch((error: Error) => this.logger.warn(`修改已保存，但重新加载知识库失败：${error.message}`));
    return result;
  }
}

const CONCERN_FIELD_LABELS: Record<string, string> = { title: '标题', question: '标准问题', paraphrases: '相似问法', keywords: '关键词', answer: '答复口径' };

/** The staff-written text of a record, labelled as the console labels it. */
function formulaFields(kind: KnowledgeKind, record: KnowledgeRecordOf[KnowledgeKind]): [string, string | null][] {
  if (kind === 'item') {
    const item = record as KnowledgeRecordOf['item'];
    return CATALOGUE_COLUMNS.map((c) => [c.header, item[c.field]]);
  }
  if (kind === 'concern') {
    return concernTextFields(record as KnowledgeRecordOf['concern']).map(([field, value]) => [CONCERN_FIELD_LABELS[field.replace(/\[\d+\]$/, '')] ?? field, value]);
  }
  return [];
}
