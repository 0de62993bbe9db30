import { editSimilarity, phrasingKey } from '@app/analysis';
import type { ConcernRecord, KnowledgeBundle } from '../knowledge-model.js';
import type { KnowledgeIssue } from './knowledge-import-error.js';

/**
 * Rules across files: unique ids, links that resolve. (Per-field rules are checked while
 * reading, where the row and field are known.)
 */
export function validateBundle(bundle: KnowledgeBundle): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const duplicates = <T>(list: T[], id: (t: T) => string, file: (t: T) => string, kind: string): Set<string> => {
    const seen = new Map<string, string>();
    for (const entry of list) {
      const key = id(entry);
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ file: file(entry), entry: key, field: 'id', message: `${kind}编号重复（首次出现在 ${first}）` });
      } else {
        seen.set(key, file(entry));
      }
    }
    return new Set(seen.keys());
  };
  duplicates(bundle.areas, (a) => a.code, () => 'areas.yaml', '领域');
  const itemIds = duplicates(bundle.items, (i) => i.id, (i) => `catalogue/${i.sourceFile}`, '目录事项');
  const interpretationIds = duplicates(bundle.interpretations, (i) => i.id, (i) => `interpretations/${i.sourceFile}`, '政策解读');
  duplicates(bundle.concerns, (c) => c.id, (c) => `concerns/${c.sourceFile}`, '关切事项');

  for (const interpretation of bundle.interpretations) {
    for (const itemId of interpretation.itemIds) {
      if (!itemIds.has(itemId)) {
        issues.push({ file: `interpretations/${interpretation.sourceFile}`, entry: interpretation.id, field: 'items', message: `目录事项“${itemId}”不存在` });
      }
    }
  }
  for (const concern of bundle.concerns) {
    const file = `concerns/${concern.sourceFile}`;
    for (const itemId of concern.itemIds) {
      if (!itemIds.has(itemId)) issues.push({ file, entry: concern.id, field: 'items', message: `目录事项“${itemId}”不存在` });
    }
    for (const interpretationId of concern.interpretationIds) {
      if (!interpretationIds.has(interpretationId)) {
        issues.push({ file, entry: concern.id, field: 'interpretations', message: `政策解读“${interpretationId}”不存在` });
      }
    }
  }
  issues.push(...duplicatePhrasings(bundle.concerns));
  return issues;
}

const phrasingsOf = (c: ConcernRecord) => [c.question, ...c.paraphrases];
const published = (concerns: ConcernRecord[]) => concerns.filter((c) => c.status === 'published');

/**
 * The same phrasing (ignoring punctuation, script, width) under two published concerns: the engine
 * can never tell them apart on it, so it is an error. Repeats within one concern are harmless.
 */
function duplicatePhrasings(concerns: ConcernRecord[]): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const owner = new Map<string, ConcernRecord>();
  for (const concern of published(concerns)) {
    for (const [i, text] of phrasingsOf(concern).entries()) {
      const key = phrasingKey(text);
      if (!key) continue;
      const first = owner.get(key);
      if (first && first.id !== concern.id) {
        issues.push({
          file: `concerns/${concern.sourceFile}`, entry: concern.id, field: i === 0 ? 'question' : `paraphrases[${i - 1}]`,
          message: `问法“${text}”与关切事项 ${first.id}（${first.title}）的问法相同，服务无法区分两者`,
        });
      } else if (!first) {
        owner.set(key, concern);
      }
    }
  }
  return issues;
}

/**
 * Warnings, not errors: published concerns whose standard questions are nearly the same text
 * (edit similarity ≥ threshold). They are probably one concern written twice, or need sharper questions.
 */
export function similarQuestionWarnings(bundle: KnowledgeBundle, threshold = 0.9): KnowledgeIssue[] {
  const list = published(bundle.concerns);
  const warnings: KnowledgeIssue[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i], list[j]];
      if (phrasingKey(a.question) === phrasingKey(b.question)) continue; // already an error
      const similarity = editSimilarity(a.question, b.question);
      if (similarity >= threshold) {
        warnings.push({
          file: `concerns/${a.sourceFile}`, entry: a.id, field: 'question',
          message: `标准问题与 ${b.id}（${b.title}）几乎相同（相似度 ${similarity.toFixed(2)}）：是同一事项，还是需要把问题写得更有区别？`,
        });
      }
    }
  }
  return warnings;
}
