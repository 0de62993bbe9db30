import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { DataSource, In, LessThan } from 'typeorm';
import {
  AreaEntity, areaLookup, CATALOGUE_COLUMNS, CatalogueItemEntity, catalogueItemsFromRows, catalogueRows, emptyBundle,
  FORMULA_CELL_MESSAGE, normalizeHeader, SpreadsheetRefused, startsLikeFormula, validateBundle, type CatalogueItemRecord, type KnowledgeIssue,
} from '@app/knowledge';
import type { Actor } from './curation.types.js';
import { ImportPreviewEntity } from './entities/index.js';
import { KnowledgeChanges, sameRecord } from './knowledge-changes.js';

// The template's example row, one cell per standard column (CATALOGUE_COLUMNS order).
const TEMPLATE_EXAMPLE = [
  'social-assistance-1', '社会救助', '最低生活保障', '低保申请条件和程序', '申请条件、办理程序、所需材料、办理时限',
  '《社会救助暂行办法》', '信息形成或变更之日起20个工作日内公开', '县民政局', '■政府网站 □政府公报 ■两微一端',
  '全社会', '主动公开', '县级、乡级',
];

/**
 * The import template staff download and fill in: the header row and one example row, with a BOM
 * so that Excel opens the UTF-8 text with the right encoding.
 */
export function catalogueTemplateCsv(): string {
  return `\uFEFF${stringifyCsv([CATALOGUE_COLUMNS.map((c) => c.header), TEMPLATE_EXAMPLE], { record_delimiter: 'windows' })}`;
}

/** A preview is kept this long; any instance can commit it (it lives in the database). */
export const PREVIEW_TTL_MS = 30 * 60_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ImportPreview {
  previewId: string;
  filename: string;
  expiresAt: string;
  adds: CatalogueItemRecord[];
  changes: { id: string; before: CatalogueItemRecord; after: CatalogueItemRecord; fields: string[] }[];
  unchanged: number;
  errors: { row: number | null; message: string }[];
}

function rowOf(issue: KnowledgeIssue): number | null {
  const match = /第(\d+)行/.exec(issue.entry ?? '');
  return match ? Number(match[1]) : null;
}

function describeIssue(issue: KnowledgeIssue): string {
  const where = [rowOf(issue) === null ? issue.entry : null, issue.field].filter(Boolean).join(' · ');
  return where ? `${where}：${issue.message}` : issue.message;
}

/**
 * Catalogue spreadsheets (XLSX or CSV in the standard columns) into the knowledge, in two steps:
 * a preview of adds, changes and errors; then a commit of exactly that preview.
 */
@Injectable()
export class CatalogueImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: KnowledgeChanges,
  ) {}

  async preview(actor: Actor, filename: string, content: Buffer): Promise<ImportPreview> {
    if (!/\.(csv|xlsx)$/i.test(filename)) throw new BadRequestException('只支持 .xlsx 或 .csv 文件');
    if (content.length === 0) throw new BadRequestException('文件为空');
    if (content.length > MAX_IMPORT_BYTES) throw new BadRequestException(`文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    let rows: string[][];
    try {
      rows = await catalogueRows(filename, content);
    } catch (error) {
      if (error instanceof SpreadsheetRefused) throw new BadRequestException(error.message);
      throw new BadRequestException(`文件无法读取（请确认是 .xlsx，或 UTF-8、GBK 编码的 .csv）：${(error as Error).message.split('\n')[0]}`);
    }
    const issues: KnowledgeIssue[] = [];
    const areas = await this.dataSource.manager.find(AreaEntity);
    const safeName = filename.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '.csv');
    const uploaded = catalogueItemsFromRows(rows, safeName, areaLookup(areas), issues);
    // Duplicate ids within the file: the folder validator's rule.
    issues.push(...validateBundle({ ...emptyBundle(), items: uploaded }));
    // Refused here (the folder reader only warns): a cell Excel would run as a formula must not
    // reach the knowledge, since export writes cells verbatim.
    const headerCells = (rows[0] ?? []).map((h) => String(h).trim());
    rows.slice(1).forEach((cells, offset) => cells.forEach((cell, column) => {
      if (headerCells[column] && startsLikeFormula(String(cell ?? ''))) {
        issues.push({ file: safeName, entry: `第${offset + 2}行`, field: headerCells[column], message: FORMULA_CELL_MESSAGE });
      }
    }));
    // A column missing from the file leaves that field as it is; a present but empty cell clears it.
    const header = new Set((rows[0] ?? []).map((h) => normalizeHeader(String(h))));
    const present = CATALOGUE_COLUMNS.filter((c) => header.has(c.header)).map((c) => c.field);

    const valid = uploaded.filter((item) => item.id);
    const existing = new Map<string, CatalogueItemRecord>();
    const ids = valid.map((i) => i.id);
    for (let i = 0; i < ids.length; i += 500) {
      const rowsFound = await this.dataSource.manager.find(CatalogueItemEntity, { where: { id: In(ids.slice(i, i + 500)) } });
      for (const { position: _, updatedAt: __, ...item } of rowsFound) existing.set(item.id, item);
    }
    const areaFiles = new Map<string, string>(
      ((await this.dataSource.query(`SELECT DISTINCT ON (area_code) area_code, source_file FROM catalogue_items ORDER BY area_code, position`)) as
        { area_code: string; source_file: string }[]).map((r) => [r.area_code, r.source_file]),
    );
    const result: Omit<ImportPreview, 'previewId' | 'expiresAt'> = {
      filename, adds: [], changes: [], unchanged: 0,
      errors: issues.map((issue) => ({ row: rowOf(issue), message: describeIssue(issue) })),
    };
    for (const item of valid) {
      const before = existing.get(item.id);
      if (!before) {
        result.adds.push({ ...item, sourceFile: areaFiles.get(item.areaCode) || `${item.areaCode}.csv` });
        continue;
      }
      const after: CatalogueItemRecord = { ...before, extra: { ...before.extra, ...item.extra } };
      for (const field of present) (after as unknown as Record<string, unknown>)[field] = item[field];
      const fields = [...present, 'extra' as const].filter((f) => !sameRecord(before[f], after[f]));
      if (fields.length === 0) result.unchanged++;
      else result.changes.push({ id: item.id, before, after, fields });
    }
    const repo = this.dataSource.getRepository(ImportPreviewEntity);
    await repo.delete({ expiresAt: LessThan(new Date()) });
    const previewId = randomUUID();
    const expiresAt = new Date(Date.now() + PREVIEW_TTL_MS);
    await repo.insert({ id: previewId, expiresAt, userId: actor.id, filename, payload: result as never });
    return { previewId, expiresAt: expiresAt.toISOString(), ...result };
  }

  /**
   * Applies a preview as it was shown: refused while it has errors, and when an item it changes
   * was edited since (upload again for a fresh preview). All or nothing.
   */
  async commit(actor: Actor, previewId: string): Promise<{ added: number; changed: number }> {
    const counts = await this.changes.run(actor, async (tx) => {
      const preview = await tx.manager.findOneBy(ImportPreviewEntity, { id: previewId });
      if (!preview || preview.expiresAt.getTime() < Date.now()) {
        throw new NotFoundException('导入预览不存在或已过期（保留 30 分钟），请重新上传文件');
      }
      const payload = preview.payload as Omit<ImportPreview, 'previewId' | 'expiresAt'>;
      if (payload.errors.length > 0) {
        throw new BadRequestException(`文件有 ${payload.errors.length} 处错误，请修正后重新上传；导入未执行`);
      }
      // Every stored item the preview touches, read at once; the writes go in chunks (applyItems).
      const stored = await tx.getItems([...payload.adds, ...payload.changes].map((r) => r.id));
      const added = payload.adds.find((add) => stored.has(add.id));
      if (added) throw new ConflictException(`目录事项“${added.id}”在预览后已被他人添加，请重新上传预览`);
      const edited = payload.changes.find((change) => !sameRecord(stored.get(change.id) ?? null, change.before));
      if (edited) throw new ConflictException(`目录事项“${edited.id}”在预览后已被修改，请重新上传预览`);
      await tx.applyItems('import', stored, [...payload.adds, ...payload.changes.map((change) => change.after)]);
      await tx.manager.delete(ImportPreviewEntity, { id: previewId });
      return { added: payload.adds.length, changed: payload.changes.length };
    });
    return counts;
  }
}
