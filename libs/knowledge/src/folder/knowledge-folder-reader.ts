import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSynonymLines } from '@app/analysis';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import {
  CONCERN_KINDS,
  CONCERN_STATUSES,
  emptyBundle,
  type AreaRecord,
  type CatalogueItemRecord,
  type ConcernKind,
  type ConcernRecord,
  type ConcernStatus,
  type InterpretationRecord,
  type KnowledgeBundle,
} from '../knowledge-model.js';
import { CATALOGUE_COLUMNS, REQUIRED_CATALOGUE_COLUMNS, normalizeHeader } from './catalogue-columns.js';
import type { KnowledgeIssue } from './knowledge-import-error.js';
import { validateBundle } from './knowledge-validator.js';
import { catalogueRows, SpreadsheetRefused } from './spreadsheet-rows.js';

export interface FolderReadResult {
  bundle: KnowledgeBundle;
  issues: KnowledgeIssue[];
}

type Issues = KnowledgeIssue[];

const AREA_FIELDS = new Set(['code', 'name', 'aliases', 'department']);
const INTERPRETATION_FIELDS = new Set(['id', 'title', 'document', 'docNumber', 'publisher', 'date', 'url', 'form', 'items']);
const CONCERN_FIELDS = new Set([
  'id', 'title', 'question', 'paraphrases', 'keywords', 'answer', 'area', 'items', 'interpretations', 'status', 'kind',
]);

/**
 * Reads a knowledge folder (knowledge-format.md) into a bundle, collecting every problem
 * with its file, entry and field rather than stopping at the first.
 */
export async function readKnowledgeFolder(dir: string): Promise<FolderReadResult> {
  const bundle = emptyBundle();
  const issues: Issues = [];
  if (!(await isDirectory(dir))) {
    return { bundle, issues: [{ file: dir, message: '知识库目录不存在或不是目录' }] };
  }
  bundle.areas = await readAreas(dir, issues);
  const areaCodeByName = areaLookup(bundle.areas);
  for (const file of await listFiles(join(dir, 'catalogue'), /\.(csv|xlsx)$/i)) {
    bundle.items.push(...(await readCatalogueFile(join(dir, 'catalogue'), file, areaCodeByName, issues)));
  }
  for (const file of await listFiles(join(dir, 'interpretations'), /\.md$/i)) {
    const record = await readInterpretation(join(dir, 'interpretations'), file, issues);
    if (record) bundle.interpretations.push(record);
  }
  for (const file of await listFiles(join(dir, 'concerns'), /\.ya?ml$/i)) {
    bundle.concerns.push(...(await readConcernFile(join(dir, 'concerns'), file, areaCodeByName, issues)));
  }
  bundle.synonymGroups = parseSynonymLines(await readOptionalText(join(dir, 'dict', 'synonyms.txt')));
  bundle.words = (await readOptionalText(join(dir, 'dict', 'words.txt')))
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0])
    .filter(Boolean);
  issues.push(...validateBundle(bundle));
  return { bundle, issues };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  if (!(await isDirectory(dir))) return [];
  const names = await readdir(dir);
  return names.filter((n) => pattern.test(n) && !n.startsWith('.') && !n.startsWith('~$')).sort();
}

/** An optional file's text without a BOM; empty when the file is absent. */
async function readOptionalText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return '';
  }
}

function parseYaml(text: string, file: string, issues: Issues): unknown {
  try {
    return loadYaml(text.replace(/^\uFEFF/, ''), { schema: CORE_SCHEMA });
  } catch (error) {
    issues.push({ file, message: `YAML 无法解析：${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one field as a string (numbers are accepted: ids like 12 are common in YAML). */
function stringField(
  entry: Record<string, unknown>, field: string, ctx: { file: string; entry: string }, issues: Issues, required: boolean,
): string | null {
  const value = entry[field];
  if (value === undefined || value === null || value === '') {
    if (required) issues.push({ ...ctx, field, message: '缺少必填字段' });
    return null;
  }
  if (typeof value === 'string') {
    if (required && value.trim() === '') {
      issues.push({ ...ctx, field, message: '不能为空' });
      return null;
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  issues.push({ ...ctx, field, message: '应为文本' });
  return null;
}

function stringListField(
  entry: Record<string, unknown>, field: string, ctx: { file: string; entry: string }, issues: Issues,
): string[] {
  const value = entry[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.push({ ...ctx, field, message: '应为列表，例如 [甲, 乙]' });
    return [];
  }
  const list: string[] = [];
  value.forEach((v, i) => {
    if (typeof v === 'string' || typeof v === 'number') {
      if (String(v).trim()) list.push(String(v).trim());
    } else {
      issues.push({ ...ctx, field: `${field}[${i}]`, message: '应为文本' });
    }
  });
  return list;
}

function extraFields(entry: Record<string, unknown>, known: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !known.has(k)));
}

/** Area code, name or alias → area code. */
export function areaLookup(areas: AreaRecord[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const area of areas) {
    for (const name of [area.code, area.name, ...area.aliases]) map.set(name.trim(), area.code);
  }
  return map;
}

/**
 * The areas one may write, for an error message: `旅游（tourism；也可写：文旅、文化和旅游）`. Relies on
 * areaLookup's order (code, then name, then aliases, per area).
 */
export function describeAreas(areaCodeByName: Map<string, string>): string {
  const byCode = new Map<string, string[]>();
  for (const [written, code] of areaCodeByName) if (written !== code) byCode.set(code, [...(byCode.get(code) ?? []), written]);
  return [...byCode].map(([code, [name, ...aliases]]) => `${name ?? code}（${code}${aliases.length ? `；也可写：${aliases.join('、')}` : ''}）`).join('，');
}

function resolveArea(
  value: string | null, areaCodeByName: Map<string, string>, ctx: { file: string; entry: string; field: string }, issues: Issues,
): string | null {
  if (value === null) return null;
  const code = areaCodeByName.get(value.trim());
  if (!code) issues.push({ ...ctx, message: `领域“${value}”不存在（可填写领域的名称、代码或别名）` });
  return code ?? value.trim();
}

async function readAreas(dir: string, issues: Issues): Promise<AreaRecord[]> {
  const file = 'areas.yaml';
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch {
    issues.push({ file, message: '缺少 areas.yaml' });
    return [];
  }
  const data = parseYaml(text, file, issues);
  if (data === undefined) return [];
  if (!Array.isArray(data)) {
    issues.push({ file, message: '应为领域列表' });
    return [];
  }
  const areas: AreaRecord[] = [];
  data.forEach((entry, index) => {
    const ctx = { file, entry: `第${index + 1}项` };
    if (!isRecord(entry)) {
      issues.push({ ...ctx, message: '应为 { code, name, … }' });
      return;
    }
    const code = stringField(entry, 'code', ctx, issues, true);
    const name = stringField(entry, 'name', ctx, issues, true);
    if (code === null || name === null) return;
    areas.push({
      code: code.trim(),
      name: name.trim(),
      aliases: stringListField(entry, 'aliases', ctx, issues),
      department: stringField(entry, 'department', ctx, issues, false),
    });
    for (const key of Object.keys(extraFields(entry, AREA_FIELDS))) {
      issues.push({ ...ctx, field: key, message: '未知字段' });
    }
  });
  return areas;
}

async function readCatalogueRows(dir: string, file: string, issues: Issues): Promise<string[][] | null> {
  try {
    return await catalogueRows(file, await readFile(join(dir, file)));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    issues.push({ file: `catalogue/${file}`, message: error instanceof SpreadsheetRefused ? reason : `文件无法读取：${reason}` });
    return null;
  }
}

async function readCatalogueFile(
  dir: string, file: string, areaCodeByName: Map<string, string>, issues: Issues,
): Promise<CatalogueItemRecord[]> {
  const rows = await readCatalogueRows(dir, file, issues);
  return rows ? catalogueItemsFromRows(rows, file, areaCodeByName, issues) : [];
}

/**
 * Catalogue rows (header first) → items, with an issue per bad cell naming the row and column.
 * Used for the folder's catalogue files and for spreadsheets uploaded in the console.
 */
export function catalogueItemsFromRows(
  rows: string[][], file: string, areaCodeByName: Map<string, string>, issues: Issues,
): CatalogueItemRecord[] {
  const fileLabel = `catalogue/${file}`;
  if (rows.length === 0) {
    issues.push({ file: fileLabel, message: '文件为空' });
    return [];
  }
  const header = rows[0].map((h) => normalizeHeader(String(h)));
  const columnIndex = new Map<string, number>();
  header.forEach((h, i) => h && !columnIndex.has(h) && columnIndex.set(h, i));
  const missing = REQUIRED_CATALOGUE_COLUMNS.filter((c) => !columnIndex.has(c));
  if (!columnIndex.has('编号') && !columnIndex.has('序号')) missing.unshift('编号' as never);
  if (missing.length > 0) {
    issues.push({
      file: fileLabel, entry: '第1行',
      message: `缺少必需的列：${missing.join('、')}（第一行应是表头；可下载导入模板对照。若表头显示为乱码，请另存为 UTF-8 或 GBK 编码的 CSV，或 .xlsx）`,
    });
    return [];
  }
  const known = new Set<string>([...CATALOGUE_COLUMNS.map((c) => c.header), '序号']);
  const extraColumns = [...columnIndex.keys()].filter((h) => !known.has(h));
  const items: CatalogueItemRecord[] = [];
  const issuesBefore = issues.length;
  rows.slice(1).forEach((cells, offset) => {
    const rowNumber = offset + 2;
    const cell = (name: string): string => {
      const i = columnIndex.get(name);
      return i === undefined ? '' : String(cells[i] ?? '').trim();
    };
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const ctx = { file: fileLabel, entry: `第${rowNumber}行` };
    for (const name of REQUIRED_CATALOGUE_COLUMNS) {
      if (!cell(name)) issues.push({ ...ctx, field: name, message: '必填内容为空' });
    }
    const areaCode = resolveArea(cell('领域') || null, areaCodeByName, { ...ctx, field: '领域' }, issues) ?? '';
    let id = cell('编号');
    if (!id) {
      const serial = cell('序号');
      if (!serial) issues.push({ ...ctx, field: '编号', message: '编号和序号都为空' });
      id = serial ? `${areaCode}-${serial}` : '';
    }
    const optional = (name: string): string | null => cell(name) || null;
    items.push({
      id,
      areaCode,
      level1: cell('一级事项'),
      title: cell('二级事项'),
      content: cell('公开内容'),
      basis: optional('公开依据'),
      timeLimit: optional('公开时限'),
      publisher: optional('公开主体'),
      channels: optional('公开渠道和载体'),
      audience: optional('公开对象'),
      mode: optional('公开方式'),
      level: optional('公开层级'),
      extra: Object.fromEntries(extraColumns.map((h) => [h, cell(h)]).filter(([, v]) => v !== '')),
      sourceFile: file.replace(/\.xlsx$/i, '.csv'),
    });
  });
  // Once, not on every row: staff never see areas.yaml, so name what they may write.
  if (issues.slice(issuesBefore).some((issue) => issue.field === '领域' && issue.message.startsWith('领域“'))) {
    issues.push({ file: fileLabel, field: '领域', message: `可填写的领域：${describeAreas(areaCodeByName)}` });
  }
  return items;
}

/** A file's text, or null with an issue recorded when it cannot be read. */
async function readText(path: string, fileLabel: string, issues: Issues): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    issues.push({ file: fileLabel, message: `文件无法读取：${(error as Error).message}` });
    return null;
  }
}

function splitFrontMatter(text: string): { frontMatter: string; body: string } | null {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
  return match ? { frontMatter: match[1], body: match[2] } : null;
}

async function readInterpretation(dir: string, file: string, issues: Issues): Promise<InterpretationRecord | null> {
  const fileLabel = `interpretations/${file}`;
  const text = await readText(join(dir, file), fileLabel, issues);
  if (text === null) return null;
  const parts = splitFrontMatter(text);
  if (!parts) {
    issues.push({ file: fileLabel, message: '缺少 YAML 头部（以 --- 开始和结束）' });
    return null;
  }
  const meta = parseYaml(parts.frontMatter, fileLabel, issues);
  if (!isRecord(meta)) {
    if (meta !== undefined) issues.push({ file: fileLabel, message: 'YAML 头部应为键值对' });
    return null;
  }
  const ctx = { file: fileLabel, entry: String(meta.id ?? '') };
  const id = stringField(meta, 'id', ctx, issues, true);
  const title = stringField(meta, 'title', ctx, issues, true);
  if (id === null || title === null) return null;
  return {
    id: id.trim(),
    title,
    document: stringField(meta, 'document', ctx, issues, false),
    docNumber: stringField(meta, 'docNumber', ctx, issues, false),
    publisher: stringField(meta, 'publisher', ctx, issues, false),
    date: stringField(meta, 'date', ctx, issues, false),
    url: stringField(meta, 'url', ctx, issues, false),
    form: stringField(meta, 'form', ctx, issues, false),
    body: parts.body.replace(/^\s*\n/, '').replace(/\s+$/, ''),
    itemIds: stringListField(meta, 'items', ctx, issues),
    extra: extraFields(meta, INTERPRETATION_FIELDS),
    sourceFile: file,
  };
}

async function readConcernFile(
  dir: string, file: string, areaCodeByName: Map<string, string>, issues: Issues,
): Promise<ConcernRecord[]> {
  const fileLabel = `concerns/${file}`;
  const text = await readText(join(dir, file), fileLabel, issues);
  if (text === null) return [];
  const data = parseYaml(text, fileLabel, issues);
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data)) {
    issues.push({ file: fileLabel, message: '应为关切事项列表（每项以 - 开头）' });
    return [];
  }
  const concerns: ConcernRecord[] = [];
  data.forEach((entry, index) => {
    const label = isRecord(entry) && entry.id !== undefined ? `${String(entry.id)}（第${index + 1}项）` : `第${index + 1}项`;
    const ctx = { file: fileLabel, entry: label };
    if (!isRecord(entry)) {
      issues.push({ ...ctx, message: '应为 { id, title, question, answer, … }' });
      return;
    }
    const id = stringField(entry, 'id', ctx, issues, true);
    const title = stringField(entry, 'title', ctx, issues, true);
    const question = stringField(entry, 'question', ctx, issues, true);
    const answer = stringField(entry, 'answer', ctx, issues, true);
    const statusText = stringField(entry, 'status', ctx, issues, false) ?? 'published';
    if (!CONCERN_STATUSES.includes(statusText as ConcernStatus)) {
      issues.push({ ...ctx, field: 'status', message: `应为 ${CONCERN_STATUSES.join(' | ')}` });
    }
    const kindText = stringField(entry, 'kind', ctx, issues, false) ?? 'concern';
    if (!CONCERN_KINDS.includes(kindText as ConcernKind)) {
      issues.push({ ...ctx, field: 'kind', message: `应为 concern（关切事项）或 referral（转办指引），不认识“${kindText}”` });
    }
    const area = stringField(entry, 'area', ctx, issues, false);
    const lists = {
      paraphrases: stringListField(entry, 'paraphrases', ctx, issues),
      keywords: stringListField(entry, 'keywords', ctx, issues),
      itemIds: stringListField(entry, 'items', ctx, issues),
      interpretationIds: stringListField(entry, 'interpretations', ctx, issues),
    };
    if (id === null || title === null || question === null || answer === null) return;
    concerns.push({
      id: id.trim(),
      title,
      question,
      ...lists,
      answer: answer.replace(/\s+$/, ''),
      areaCode: resolveArea(area, areaCodeByName, { ...ctx, field: 'area' }, issues),
      status: statusText as ConcernStatus,
      kind: kindText as ConcernKind,
      extra: extraFields(entry, CONCERN_FIELDS),
      sourceFile: file,
    });
  });
  return concerns;
}
