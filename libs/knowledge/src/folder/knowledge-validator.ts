import type { KnowledgeBundle } from '../knowledge-model.js';
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
  return issues;
}
