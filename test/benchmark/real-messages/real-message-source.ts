import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One resident message from the public datasets in ../shared/data (never committed: only its key is). */
export interface RealMessage {
  /** `<file>#<row id>`: what the committed labels refer to. */
  key: string;
  file: string;
  /** The dataset's own message number, or the 1-based data row where it has none. */
  row: string;
  text: string;
}

interface SourceFile {
  /** Path under the data folder. */
  path: string;
  idColumn: string | null;
  /** Joined with a line break: a message board's subject line is part of what the resident wrote. */
  textColumns: string[];
}

export const REAL_MESSAGE_FILES: readonly SourceFile[] = [
  { path: 'teddy2020c/attachment3_hot_messages.csv', idColumn: '留言编号', textColumns: ['留言主题', '留言详情'] },
  { path: 'teddy2020c/attachment4_messages_with_replies.csv', idColumn: '留言编号', textColumns: ['留言主题', '留言详情'] },
  { path: 'teddy2020c/official_test_messages_unlabeled.csv', idColumn: '留言编号', textColumns: ['留言主题', '留言详情'] },
  { path: 'msgabench_gov/messages_sentiment_type_domain.csv', idColumn: null, textColumns: ['留言'] },
];

/** Messages the public answer API accepts at most (longer ones are cut, as a channel would). */
const MAX_CHARS = 1000;

function fnv1a(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** Every message of one file, keyed; null when the data folder does not have the file. */
export function readMessages(dataDir: string, source: SourceFile): RealMessage[] | null {
  const path = join(dataDir, source.path);
  if (!existsSync(path)) return null;
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    const id = source.idColumn ? (row[source.idColumn] ?? '').trim() : String(i + 1);
    const text = source.textColumns.map((c) => (row[c] ?? '').trim()).filter(Boolean).join('\n').slice(0, MAX_CHARS);
    return { key: `${source.path}#${id}`, file: source.path, row: id, text };
  }).filter((m) => m.text.length > 0 && m.row !== '');
}

/**
 * The benchmark's messages: from each file the `perFile` messages with the smallest hash of their
 * key, so anyone with the same data draws the same sample; repeated texts are skipped.
 */
export function sampleRealMessages(dataDir: string, perFile: number): RealMessage[] | null {
  const sample: RealMessage[] = [];
  const seen = new Set<string>();
  for (const source of REAL_MESSAGE_FILES) {
    const messages = readMessages(dataDir, source);
    if (!messages) return null;
    const ranked = messages.map((m) => ({ m, h: fnv1a(m.key) })).sort((a, b) => a.h - b.h || (a.m.key < b.m.key ? -1 : 1));
    let taken = 0;
    for (const { m } of ranked) {
      if (taken >= perFile) break;
      if (seen.has(m.text)) continue;
      seen.add(m.text);
      sample.push(m);
      taken++;
    }
  }
  return sample;
}

/** Dev half of the real messages (by key), the other half held out. */
export function isDevMessage(key: string): boolean {
  return fnv1a(`split:${key}`) % 2 === 0;
}
