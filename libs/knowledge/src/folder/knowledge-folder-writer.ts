import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { CORE_SCHEMA, dump as dumpYaml } from 'js-yaml';
import type { CatalogueItemRecord, ConcernRecord, InterpretationRecord, KnowledgeBundle } from '../knowledge-model.js';
import { CATALOGUE_COLUMNS } from './catalogue-columns.js';

const YAML_OPTIONS = { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true } as const;

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of list) {
    const k = key(entry);
    groups.set(k, [...(groups.get(k) ?? []), entry]);
  }
  return groups;
}

/** Drops empty optional values so that the files stay as lean as staff write them. */
function compact(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entry).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

function catalogueCsv(items: CatalogueItemRecord[]): string {
  const extraHeaders = [...new Set(items.flatMap((i) => Object.keys(i.extra)))];
  const header = [...CATALOGUE_COLUMNS.map((c) => c.header), ...extraHeaders];
  const rows = items.map((item) => [
    ...CATALOGUE_COLUMNS.map((c) => (item[c.field] as string | null) ?? ''),
    ...extraHeaders.map((h) => item.extra[h] ?? ''),
  ]);
  return stringifyCsv([header, ...rows]);
}

function interpretationMarkdown(record: InterpretationRecord): string {
  const meta = compact({
    id: record.id,
    title: record.title,
    document: record.document,
    docNumber: record.docNumber,
    publisher: record.publisher,
    date: record.date,
    url: record.url,
    form: record.form,
    items: record.itemIds,
    ...record.extra,
  });
  return `---\n${dumpYaml(meta, YAML_OPTIONS)}---\n${record.body}\n`;
}

function concernEntry(concern: ConcernRecord): Record<string, unknown> {
  return {
    ...compact({
      id: concern.id,
      title: concern.title,
      question: concern.question,
      paraphrases: concern.paraphrases,
      keywords: concern.keywords,
      answer: concern.answer,
      area: concern.areaCode,
      items: concern.itemIds,
      interpretations: concern.interpretationIds,
    }),
    // Only referrals say so: folders written before `kind` existed round-trip unchanged.
    ...(concern.kind === 'referral' ? { kind: concern.kind } : {}),
    status: concern.status,
    ...concern.extra,
  };
}

/**
 * A bundle as the files of a knowledge folder in the shared format (relative path → text), for
 * writing to disk or into a zip; readKnowledgeFolder reads them back equal.
 */
export function knowledgeFolderFiles(bundle: KnowledgeBundle): Map<string, string> {
  const files = new Map<string, string>();
  const areas = bundle.areas.map((a) => compact({ code: a.code, name: a.name, aliases: a.aliases, department: a.department }));
  files.set('areas.yaml', dumpYaml(areas, YAML_OPTIONS));
  for (const [file, items] of groupBy(bundle.items, (i) => i.sourceFile || `${i.areaCode}.csv`)) {
    files.set(`catalogue/${file}`, catalogueCsv(items));
  }
  for (const record of bundle.interpretations) {
    files.set(`interpretations/${record.sourceFile || `${record.id}.md`}`, interpretationMarkdown(record));
  }
  for (const [file, concerns] of groupBy(bundle.concerns, (c) => c.sourceFile || `${c.areaCode ?? 'general'}.yaml`)) {
    files.set(`concerns/${file}`, dumpYaml(concerns.map(concernEntry), YAML_OPTIONS));
  }
  files.set('dict/synonyms.txt', bundle.synonymGroups.map((g) => g.join(',')).join('\n') + '\n');
  files.set('dict/words.txt', bundle.words.join('\n') + '\n');
  return files;
}

/** Writes a bundle as a knowledge folder in the shared format; readKnowledgeFolder reads it back equal. */
export async function writeKnowledgeFolder(bundle: KnowledgeBundle, dir: string): Promise<void> {
  for (const sub of ['catalogue', 'interpretations', 'concerns', 'dict']) await mkdir(join(dir, sub), { recursive: true });
  for (const [path, text] of knowledgeFolderFiles(bundle)) await writeFile(join(dir, path), text);
}
