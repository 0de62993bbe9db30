import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AreaEntity, areaLookup, bumpRevision, CATALOGUE_COLUMNS, concernTextFields, FORMULA_CELL_MESSAGE, insertAll, KnowledgeEditor, KnowledgeService, KnowledgeStore,
  startsLikeFormula, todayInChina, validateBundle, type CatalogueItemRecord, type KnowledgeKind, type KnowledgeRecordOf,
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

  getItems(ids: readonly string[]): Promise<Map<string, CatalogueItemRecord>> {
    return this.editor.getItems(this.manager, ids);
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
      if (dependents.length > 0) await this.flagForReview(dependents.map((concern) => [concern, this.reviewNote(kind, before, after)]));
    }
    if (after) await this.editor.save(m, kind, after);
    else await this.editor.remove(m, kind, id);
    if (kind === 'concern' && after && !options.keepReviewFlag) {
      await m.query(`UPDATE "concerns" SET "needs_review" = false, "review_note" = NULL WHERE "id" = $1`, [id]);
    }
    const entry = await m.insert(AuditLogEntity, this.auditEntry(action, kind, id, before, after, options.revertOf));
    this.changes++;
    return String(entry.identifiers[0].id);
  }

  /**
   * `apply` for many catalogue items at once (a catalogue import), given each item's stored record
   * (absent: new): the same area check, review flags and audit entries, in a few statements per
   * chunk instead of several per item — thousands of rows one by one kept the service busy for half a minute.
   */
  async applyItems(action: string, stored: ReadonlyMap<string, CatalogueItemRecord>, records: readonly CatalogueItemRecord[]): Promise<void> {
    const changed = records.filter((r) => !sameRecord(stored.get(r.id) ?? null, r));
    if (changed.length === 0) return;
    const areas = areaLookup(await this.manager.find(AreaEntity));
    const unknown = changed.find((r) => areas.get(r.areaCode) !== r.areaCode);
    if (unknown) throw notSaved('item', unknown.id, [`领域“${unknown.areaCode}”不存在`]);
    const dependents = await this.editor.concernsLinkedToItems(this.manager, changed.map((r) => r.id));
    await this.flagForReview(changed.flatMap((r) => (dependents.get(r.id) ?? []).map((concern): [string, string] => [
      concern, this.reviewNote('item', stored.get(r.id) ?? null, r),
    ])));
    await this.editor.saveItems(this.manager, changed, new Set(stored.keys()));
    await insertAll(this.manager, AuditLogEntity, changed.map((r) => this.auditEntry(action, 'item', r.id, stored.get(r.id) ?? null, r)));
    this.changes += changed.length;
  }

  private auditEntry(action: string, kind: KnowledgeKind, id: string, before: unknown, after: unknown, revertOf?: string) {
    return {
      userId: this.actor.id, username: this.actor.username, action, entityType: kind, entityId: id,
      before: before as never, after: after as never, revertOf: revertOf ?? null,
    };
  }

  private reviewNote(kind: KnowledgeKind, before: { title: string } | null, after: { title: string } | null): string {
    const what = `${KIND_LABELS[kind]}“${(after ?? before)!.title}”`;
    return `${what}${after ? (before ? '已修改' : '已恢复') : '已删除'}（${todayInChina()}，${this.actor.username}）`;
  }

  /** Marks concerns as needing review, each with its note (the last one given for it wins). */
  private async flagForReview(notes: [concernId: string, note: string][]): Promise<void> {
    if (notes.length === 0) return;
    const byConcern = new Map(notes);
    await this.manager.query(
      `UPDATE "concerns" SET "needs_review" = true, "review_note" = v.note
       FROM unnest($1::text[], $2::text[]) AS v(id, note) WHERE "concerns"."id" = v.id`,
      [[...byConcern.keys()], [...byConcern.values()]],
    );
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
    if (problems.length > 0) throw notSaved(kind, record.id, problems);
  }
}

function notSaved(kind: KnowledgeKind, id: string, problems: string[]): BadRequestException {
  return new BadRequestException(`${KIND_LABELS[kind]}“${id}”未保存：${problems.join('；')}`);
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
