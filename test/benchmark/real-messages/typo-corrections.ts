import { existsSync, readFileSync } from 'node:fs';
import type { AnswerIndex } from '@app/matching';
import { readMessage } from '@app/reading';
import { sampleRealMessages } from './real-message-source.js';

/** Messages drawn per source file for the typo check (4 files: 1,000 messages). */
export const TYPO_MESSAGES_PER_FILE = 250;

/** One correction the analyzer made in a real message. */
export interface Correction {
  key: string;
  from: string;
  to: string;
  /** The clause it was made in, for whoever judges it. */
  clause: string;
}

/** The team's verdict on a correction (typo-judgements.jsonl: key and words only, never the text). */
export interface CorrectionJudgement {
  key: string;
  from: string;
  to: string;
  right: boolean;
}

/**
 * Every correction made in the sampled real messages, clause by clause as the matcher reads them.
 * Null when the data folder is missing.
 */
export function listCorrections(index: AnswerIndex, dataDir: string): { messages: number; corrections: Correction[] } | null {
  const messages = sampleRealMessages(dataDir, TYPO_MESSAGES_PER_FILE);
  if (!messages) return null;
  const corrections: Correction[] = [];
  for (const message of messages) {
    const clauses = readMessage(message.text).body.split('，');
    const seen = new Set<string>();
    for (const clause of clauses) {
      for (const [from, to] of Object.entries(index.analyse(clause).corrections)) {
        if (seen.has(from)) continue;
        seen.add(from);
        corrections.push({ key: message.key, from, to, clause });
      }
    }
  }
  return { messages: messages.length, corrections };
}

export function loadJudgements(path: string): CorrectionJudgement[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as CorrectionJudgement);
}

export interface CorrectionFigures {
  messages: number;
  corrections: number;
  /** Corrections that have a verdict. */
  judged: number;
  /** Share of the judged corrections that are right. */
  precision: number;
}

export function correctionFigures(listed: { messages: number; corrections: Correction[] }, judgements: CorrectionJudgement[]): CorrectionFigures {
  const verdict = new Map(judgements.map((j) => [`${j.key}\u0000${j.from}\u0000${j.to}`, j.right]));
  const judged = listed.corrections.map((c) => verdict.get(`${c.key}\u0000${c.from}\u0000${c.to}`)).filter((v) => v !== undefined);
  return {
    messages: listed.messages,
    corrections: listed.corrections.length,
    judged: judged.length,
    precision: judged.length ? judged.filter(Boolean).length / judged.length : 1,
  };
}
