import { randomBytes } from 'node:crypto';
import { phrasingKey } from '@app/analysis';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager, type EntityTarget } from 'typeorm';
import {
  AreaEntity, areaLookup, CatalogueItemEntity, InterpretationEntity, KnowledgeEditor, KnowledgeSnapshot,
  type CatalogueItemRecord, type ConcernRecord, type ConcernStatus, type InterpretationRecord, type KnowledgeKind,
} from '@app/knowledge';
import { ReplyComposer } from '@app/conversation';
import { AnswerIndex, AnswerIndexService, matchQuestion } from '@app/matching';
import {
  CURATION_SETTINGS, type Actor, type ConcernFilter, type ConcernInput, type ConcernSummary, type CurationSettings,
  type InterpretationInput, type ItemInput, type Page, type Titled,
} from './curation.types.js';
import { KIND_LABELS, KnowledgeChanges, sameRecord, todayInChina } from './knowledge-changes.js';
import { publishProblems } from './publish-check.js';

const STATUS_LABELS: Record<ConcernStatus, string> = { draft: '草稿', published: '已发布', retired: '已停用' };

/** A concerns row as the list query returns it (snake_case columns). */
interface ConcernRow extends Pick<ConcernRecord, 'id' | 'title' | 'question' | 'paraphrases' | 'keywords' | 'answer' | 'status' | 'kind' | 'extra'> {
  area_code: string | null;
  needs_review: boolean;
  review_note: string | null;
  updated_at: Date | string;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Script, case, width, punctuation and spacing do not matter when staff search. */
const searchKey = phrasingKey;

function newId(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

function paginate<T>(list: T[], page = 1, pageSize = 20): Page<T> {
  return { total: list.length, items: list.slice((page - 1) * pageSize, page * pageSize) };
}

/**
 * The console's view of the knowledge: concerns (with owner, review date, needs-review flag),
 * catalogue items and interpretations, read from the database (never a stale snapshot) and
 * changed through KnowledgeChanges (validated, audited, published to every instance).
 */
@Injectable()
export class CurationService {
  private trial?: { key: string; index: AnswerIndex };

  constructor(
    private readonly dataSource: DataSource,
    private readonly editor: KnowledgeEditor,
    private readonly changes: KnowledgeChanges,
    private readonly answerIndex: AnswerIndexService,
    @Inject(CURATION_SETTINGS) private readonly settings: CurationSettings,
  ) {}

  // ---- concerns -------------------------------------------------------------------------------

  async listConcerns(filter: ConcernFilter): Promise<Page<ConcernSummary>> {
    const rows: ConcernRow[] = await this.dataSource.query(
      `SELECT id, title, question, paraphrases, keywords, answer, area_code, status, kind, extra, needs_review, review_note, updated_at
       FROM concerns ORDER BY position, id`,
    );
    const areaNames = await this.areaNames();
    const q = filter.q ? searchKey(filter.q) : '';
    const matching = rows.filter((r) => {
      if (filter.area && r.area_code !== filter.area) return false;
      if (filter.status && r.status !== filter.status) return false;
      if (filter.kind && r.kind !== filter.kind) return false;
      if (filter.owner && r.extra.owner !== filter.owner) return false;
      if (filter.needsReview !== undefined && r.needs_review !== filter.needsReview) return false;
      if (filter.reviewOverdue !== undefined && this.isOverdue(r.extra) !== filter.reviewOverdue) return false;
      if (q && !searchKey([r.id, r.title, r.question, ...r.paraphrases, ...r.keywords, r.answer].join('\n')).includes(q)) return false;
      return true;
    });
    return paginate(matching.map((r) => this.summary(r, areaNames)), filter.page, filter.pageSize);
  }

  async overdueReviews(): Promise<ConcernSummary[]> {
    return (await this.listConcerns({ reviewOverdue: true, pageSize: 10_000 })).items;
  }

  async getConcern(id: string) {
    const m = this.dataSource.manager;
    const concern = await this.require(m, 'concern', id);
    const [row] = await m.query(`SELECT needs_review, review_note, updated_at FROM concerns WHERE id = $1`, [id]);
    const areaNames = await this.areaNames();
    return {
      ...concern,
      areaName: concern.areaCode ? (areaNames.get(concern.areaCode) ?? concern.areaCode) : null,
      owner: textOrNull(concern.extra.owner),
      reviewDate: textOrNull(concern.extra.reviewDate),
      reviewOverdue: this.isOverdue(concern.extra),
      needsReview: row.needs_review as boolean,
      reviewNote: row.review_note as string | null,
      updatedAt: new Date(row.updated_at).toISOString(),
      items: await this.titles(m, CatalogueItemEntity, concern.itemIds),
      interpretations: await this.titles(m, InterpretationEntity, concern.interpretationIds),
    };
  }

  /** New concerns start as drafts: residents see them only once published. */
  async createConcern(actor: Actor, input: ConcernInput) {
    const areaCode = await this.resolveArea(input.areaCode ?? null, false);
    const id = input.id?.trim() || newId(`C-${areaCode ?? 'general'}`);
    await this.changes.run(actor, async (tx) => {
      if (await tx.get('concern', id)) throw new ConflictException(`关切事项编号“${id}”已存在`);
      const sourceFile = await this.fileOf(tx.manager, 'concerns', areaCode, `${areaCode ?? 'general'}.yaml`);
      const record: ConcernRecord = { ...this.concernFields(input, areaCode, {}), id, status: 'draft', kind: input.kind ?? 'concern', sourceFile };
      await tx.apply('concern', id, 'create', record);
    });
    return this.getConcern(id);
  }

  /**
   * Saving a concern also marks it reviewed (clears needs-review), unless `markReviewed: false`
   * (e.g. paraphrases added from the learning loop are not a review of the answer).
   */
  async updateConcern(actor: Actor, id: string, input: ConcernInput, options: { markReviewed?: boolean } = {}) {
    const markReviewed = options.markReviewed !== false;
    if (input.id !== undefined && input.id !== id) throw new BadRequestException('不能修改关切事项编号');
    const areaCode = await this.resolveArea(input.areaCode ?? null, false);
    await this.changes.run(actor, async (tx) => {
      const current = await this.require(tx.manager, 'concern', id);
      const next: ConcernRecord = { ...current, ...this.concernFields(input, areaCode, current.extra), kind: input.kind ?? current.kind };
      if (!(await tx.apply('concern', id, 'update', next, { keepReviewFlag: !markReviewed })) && markReviewed) {
        await tx.manager.query(`UPDATE "concerns" SET "needs_review" = false, "review_note" = NULL WHERE "id" = $1`, [id]);
      }
    });
    return this.getConcern(id);
  }

  async setConcernStatus(actor: Actor, id: string, status: ConcernStatus) {
    await this.changes.run(actor, async (tx) => {
      const current = await this.require(tx.manager, 'concern', id);
      if (current.status === status) throw new ConflictException(`关切事项“${current.title}”已经是“${STATUS_LABELS[status]}”状态`);
      const problems = status === 'published' ? publishProblems(current) : [];
      if (problems.length > 0) throw new BadRequestException(`关切事项“${current.title}”还不能发布：${problems.join('；')}`);
      await tx.apply('concern', id, 'status', { ...current, status }, { keepReviewFlag: true });
    });
    return this.getConcern(id);
  }

  /**
   * The reply a resident would get from this concern as it is saved now (as if published), and what
   * still stands in the way of publishing it: the console shows both before 发布.
   */
  async previewConcern(id: string): Promise<{ reply: string; problems: string[] }> {
    const concern = await this.require(this.dataSource.manager, 'concern', id);
    const knowledge = this.trialIndex(this.answerIndex.current(), concern).knowledge;
    return { reply: new ReplyComposer(this.settings.hotline).answer(concern, knowledge), problems: publishProblems(concern) };
  }

  /**
   * Runs questions through the engine and shows who wins and why. With `concernId` of a concern
   * not yet published, the questions run against the knowledge as if it were (a trial index).
   */
  async testQuestions(questions: string[], concernId?: string) {
    let index = this.answerIndex.current();
    if (concernId) {
      const concern = await this.require(this.dataSource.manager, 'concern', concernId);
      const live = index.knowledge.concerns.get(concernId);
      if (concern.status !== 'published' || !sameRecord(live, concern)) index = this.trialIndex(index, concern);
    }
    const round = (n: number) => Math.round(n * 1000) / 1000;
    return {
      revision: index.revision,
      results: questions.map((question) => {
        const match = matchQuestion(index, question, this.settings.thresholds, 5);
        const winner = match.decision === 'answer' ? match.chosen[0] : null;
        return {
          question,
          decision: match.decision,
          winner: winner ? { id: winner.id, title: winner.title, score: round(winner.score) } : null,
          choices: match.decision === 'clarify' ? match.chosen.map((c) => ({ id: c.id, title: c.title })) : [],
          candidates: match.concerns.map((c) => ({
            id: c.id, title: c.title, score: round(c.score), matchedTerms: c.matchedTerms, matchedPhrasing: c.matchedPhrasing ?? null,
          })),
          terms: match.query.terms,
          corrections: match.query.corrections,
        };
      }),
    };
  }

  // ---- catalogue items and interpretations -------------------------------------------------------

  async listItems(filter: { area?: string; q?: string; page?: number; pageSize?: number }) {
    return this.searchPage(CatalogueItemEntity, ['areaCode', 'level1', 'title', 'timeLimit', 'publisher', 'updatedAt'],
      ['title', 'level1', 'content', 'id'], filter, filter.area ? { column: 'area_code', value: filter.area } : undefined);
  }

  async getItem(id: string) {
    const m = this.dataSource.manager;
    const item = await this.require(m, 'item', id);
    const concerns = await this.concernsResting(m, 'concern_items', 'item_id', id);
    const interpretations: Titled[] = await m.query(
      `SELECT i.id, i.title FROM interpretation_items l JOIN interpretations i ON i.id = l.interpretation_id
       WHERE l.item_id = $1 ORDER BY i.position`, [id]);
    return {
      ...item,
      concerns,
      interpretations,
    };
  }

  async saveItem(actor: Actor, id: string | null, input: ItemInput) {
    const areaCode = (await this.resolveArea(input.areaCode, true))!;
    const itemId = id ?? (input.id?.trim() || newId(areaCode));
    await this.changes.run(actor, async (tx) => {
      const current = await tx.get('item', itemId);
      if (id === null && current) throw new ConflictException(`目录事项编号“${itemId}”已存在`);
      if (id !== null && !current) throw this.notFound('item', itemId);
      const record: CatalogueItemRecord = {
        id: itemId, areaCode, level1: input.level1, title: input.title, content: input.content,
        basis: input.basis ?? null, timeLimit: input.timeLimit ?? null, publisher: input.publisher ?? null,
        channels: input.channels ?? null, audience: input.audience ?? null, mode: input.mode ?? null, level: input.level ?? null,
        extra: current?.extra ?? {},
        sourceFile: current?.sourceFile ?? (await this.fileOf(tx.manager, 'catalogue_items', areaCode, `${areaCode}.csv`)),
      };
      await tx.apply('item', itemId, current ? 'update' : 'create', record);
    });
    return this.getItem(itemId);
  }

  async listInterpretations(filter: { q?: string; page?: number; pageSize?: number }) {
    return this.searchPage(InterpretationEntity, ['title', 'document', 'publisher', 'date', 'form', 'updatedAt'],
      ['title', 'document', 'body', 'id'], filter);
  }

  async getInterpretation(id: string) {
    const m = this.dataSource.manager;
    const record = await this.require(m, 'interpretation', id);
    const concerns = await this.concernsResting(m, 'concern_interpretations', 'interpretation_id', id);
    return {
      ...record,
      items: await this.titles(m, CatalogueItemEntity, record.itemIds),
      concerns,
    };
  }

  async saveInterpretation(actor: Actor, id: string | null, input: InterpretationInput) {
    const recordId = id ?? (input.id?.trim() || newId('interp'));
    await this.changes.run(actor, async (tx) => {
      const current = await tx.get('interpretation', recordId);
      if (id === null && current) throw new ConflictException(`政策解读编号“${recordId}”已存在`);
      if (id !== null && !current) throw this.notFound('interpretation', recordId);
      const record: InterpretationRecord = {
        id: recordId, title: input.title, document: input.document ?? null, docNumber: input.docNumber ?? null,
        publisher: input.publisher ?? null, date: input.date ?? null, url: input.url ?? null, form: input.form ?? null,
        body: input.body.replace(/\s+$/, ''), itemIds: input.itemIds, extra: current?.extra ?? {},
        sourceFile: current?.sourceFile ?? `${recordId.replace(/[^\w.\-\u4e00-\u9fff]/gu, '_')}.md`,
      };
      await tx.apply('interpretation', recordId, current ? 'update' : 'create', record);
    });
    return this.getInterpretation(recordId);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** One page of items or interpretations, in file order, optionally searched (ILIKE) and filtered on one column. */
  private async searchPage<T extends { id: string }>(
    entity: EntityTarget<T>, columns: string[], searchColumns: string[],
    filter: { q?: string; page?: number; pageSize?: number }, where?: { column: string; value: string },
  ): Promise<Page<T>> {
    const query = this.dataSource.getRepository(entity).createQueryBuilder('e')
      .select(['e.id', ...columns.map((c) => `e.${c}`)]).orderBy('e.position').addOrderBy('e.id');
    if (where) query.andWhere(`e.${where.column} = :value`, { value: where.value });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(new Brackets((b) => {
        for (const column of searchColumns) b.orWhere(`e.${column} ILIKE :like`, { like });
      }));
    }
    const pageSize = filter.pageSize ?? 20;
    const [items, total] = await query.skip(((filter.page ?? 1) - 1) * pageSize).take(pageSize).getManyAndCount();
    return { total, items };
  }

  /** The concerns resting on an item or citing an interpretation (the back links), with their review state. */
  private async concernsResting(m: EntityManager, table: 'concern_items' | 'concern_interpretations', column: string, id: string) {
    const rows: { id: string; title: string; status: string; needs_review: boolean }[] = await m.query(
      `SELECT c.id, c.title, c.status, c.needs_review FROM "${table}" l JOIN concerns c ON c.id = l.concern_id
       WHERE l."${column}" = $1 ORDER BY c.position`, [id]);
    return rows.map((c) => ({ id: c.id, title: c.title, status: c.status, needsReview: c.needs_review }));
  }

  async require<K extends KnowledgeKind>(m: EntityManager, kind: K, id: string) {
    const record = await this.editor.get(m, kind, id);
    if (!record) throw this.notFound(kind, id);
    return record;
  }

  private notFound(kind: KnowledgeKind, id: string): NotFoundException {
    return new NotFoundException(`${KIND_LABELS[kind]}“${id.slice(0, 128)}”不存在`);
  }

  private concernFields(input: ConcernInput, areaCode: string | null, extra: Record<string, unknown>) {
    // Owner and review date live in `extra`, so that they travel in the knowledge folder (owner:, reviewDate:).
    const nextExtra = { ...extra, owner: input.owner === undefined ? extra.owner : input.owner, reviewDate: input.reviewDate === undefined ? extra.reviewDate : input.reviewDate };
    for (const key of ['owner', 'reviewDate'] as const) if (!textOrNull(nextExtra[key])) delete nextExtra[key];
    return {
      title: input.title, question: input.question, paraphrases: input.paraphrases, keywords: input.keywords,
      answer: input.answer.replace(/\s+$/, ''), areaCode, itemIds: input.itemIds, interpretationIds: input.interpretationIds,
      extra: nextExtra,
    };
  }

  /** Area code or name → code; 400 when unknown. */
  private async resolveArea(value: string | null, required: boolean): Promise<string | null> {
    if (!value?.trim()) {
      if (required) throw new BadRequestException('请选择领域');
      return null;
    }
    const code = areaLookup(await this.dataSource.manager.find(AreaEntity)).get(value.trim());
    if (!code) throw new BadRequestException(`领域“${value}”不存在`);
    return code;
  }

  private async areaNames(): Promise<Map<string, string>> {
    return new Map((await this.dataSource.manager.find(AreaEntity)).map((a) => [a.code, a.name]));
  }

  /** New records go to the file their area already uses, so that exports keep the folder's layout. */
  private async fileOf(m: EntityManager, table: 'concerns' | 'catalogue_items', areaCode: string | null, fallback: string): Promise<string> {
    if (!areaCode) return fallback;
    const [row] = await m.query(`SELECT source_file FROM "${table}" WHERE area_code = $1 AND source_file <> '' ORDER BY position LIMIT 1`, [areaCode]);
    return (row?.source_file as string | undefined) ?? fallback;
  }

  private async titles(m: EntityManager, entity: typeof CatalogueItemEntity | typeof InterpretationEntity, ids: string[]): Promise<Titled[]> {
    if (ids.length === 0) return [];
    const rows: Titled[] = await m.getRepository<Titled>(entity).createQueryBuilder('e').select(['e.id', 'e.title'])
      .where('e.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((r) => [r.id, r.title]));
    return ids.map((i) => ({ id: i, title: byId.get(i) ?? '（已删除）' }));
  }

  private isOverdue(extra: Record<string, unknown>): boolean {
    const date = textOrNull(extra.reviewDate);
    return date !== null && date < todayInChina();
  }

  private summary(r: ConcernRow, areaNames: Map<string, string>): ConcernSummary {
    return {
      id: r.id, title: r.title, question: r.question, areaCode: r.area_code,
      areaName: r.area_code ? (areaNames.get(r.area_code) ?? r.area_code) : null, status: r.status, kind: r.kind,
      owner: textOrNull(r.extra.owner), reviewDate: textOrNull(r.extra.reviewDate), reviewOverdue: this.isOverdue(r.extra),
      needsReview: r.needs_review, reviewNote: r.review_note, updatedAt: new Date(r.updated_at).toISOString(),
    };
  }

  /** The live knowledge with this concern as if published (cached until either changes). */
  private trialIndex(live: AnswerIndex, concern: ConcernRecord): AnswerIndex {
    const key = `${live.revision}:${JSON.stringify(concern)}`;
    if (this.trial?.key !== key) {
      const bundle = live.knowledge.bundle;
      const trialConcern = { ...concern, status: 'published' as const };
      const concerns = bundle.concerns.some((c) => c.id === concern.id)
        ? bundle.concerns.map((c) => (c.id === concern.id ? trialConcern : c))
        : [...bundle.concerns, trialConcern];
      this.trial = { key, index: AnswerIndex.build(new KnowledgeSnapshot({ ...bundle, concerns }, live.revision)) };
    }
    return this.trial.index;
  }
}

