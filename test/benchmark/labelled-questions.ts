import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledQuestion {
  q: string;
  /** The concern it should reach, or null when no concern covers it. */
  expect: string | null;
  tags: string[];
  file: string;
  /** For a message with two asks: the concern of the second one (the reply offers it). */
  second?: string;
}

/** Every *.jsonl under dir: one {"q", "expect", "tags"} object per line. */
export function loadLabelledQuestions(dir: string): LabelledQuestion[] {
  const questions: LabelledQuestion[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8').split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const row = JSON.parse(line) as { q: string; expect: string | null; tags?: string[]; second?: string };
        questions.push({ q: row.q, expect: row.expect ?? null, tags: row.tags ?? [], file, ...(row.second ? { second: row.second } : {}) });
      } catch {
        throw new Error(`${file}:${i + 1} is not valid JSON`);
      }
    });
  }
  return questions;
}

/** A stable half of the questions (by a hash of the text), for calibrating on one half and measuring on the other. */
export function isDevQuestion(q: LabelledQuestion): boolean {
  let h = 2166136261;
  for (const ch of q.q) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return (h >>> 0) % 2 === 0;
}
