import { editSimilarity, phrasingKey } from '@app/analysis';
import type { ConcernRecord, KnowledgeBundle } from '../knowledge-model.js';
import { CATALOGUE_COLUMNS } from './catalogue-columns.js';
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

/** 第X条, a document number 〔2020〕53号, or a figure with a unit residents act on (元, %, 日, 个工作日, 个月). */
const STATED_RULE = new RegExp([
  '第[0-9０-９一二三四五六七八九十百零〇两]+条',
  '〔[^〕]{1,8}〕[^，。；、\\s]{0,6}?号',
  '[0-9０-９][0-9０-９.．]*\\s*(?:个工作日|个月|万元|元|%|％|日)',
].join('|'), 'u');

/** Shanghai calendar date (YYYY-MM-DD): review dates are days in the county's time zone. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Warnings, not errors, about published answers (knowledge/README.md, “答复口径检查”):
 * - a clause, document number or figure stated without naming a source document (no 《…》 anywhere
 *   in the answer): residents and reviewers cannot check it, and local figures must not be invented;
 * - a review date (`reviewDate:`, 复核日期) that has passed, or is not a YYYY-MM-DD date.
 */
export function answerWarnings(bundle: KnowledgeBundle, today = todayInChina()): KnowledgeIssue[] {
  const warnings: KnowledgeIssue[] = [];
  for (const concern of published(bundle.concerns)) {
    const where = { file: `concerns/${concern.sourceFile}`, entry: concern.id };
    if (!concern.answer.includes('《')) {
      const sentence = concern.answer.split(/(?<=[。；;！!？?\n])/u).map((s) => s.trim()).find((s) => STATED_RULE.test(s));
      if (sentence) {
        const found = STATED_RULE.exec(sentence)!;
        const start = Math.max(0, found.index - 16);
        const end = Math.min(sentence.length, found.index + found[0].length + 12);
        const quote = `${start > 0 ? '…' : ''}${sentence.slice(start, end)}${end < sentence.length ? '…' : ''}`;
        warnings.push({
          ...where, field: 'answer',
          message: `“${quote}”写了具体条款或数字（${found[0]}），答复里却没有写出处：请写明依据的《法规或文件名称》，本地标准改为“以县××部门公布的为准”`,
        });
      }
    }
    const reviewDate = concern.extra.reviewDate;
    if (reviewDate === undefined || reviewDate === null || reviewDate === '') continue;
    if (typeof reviewDate !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(reviewDate)) {
      warnings.push({ ...where, field: 'reviewDate', message: `复核日期应写成 YYYY-MM-DD，例如 2027-06-30（现为“${String(reviewDate)}”）` });
    } else if (reviewDate < today) {
      warnings.push({ ...where, field: 'reviewDate', message: `复核日期 ${reviewDate} 已过：请按最新政策复核答复口径，再更新复核日期` });
    }
  }
  return warnings;
}

/**
 * A cell Excel would run as a formula when the exported CSV is opened (=, +, @, or a minus before a
 * letter, bracket or quote). "-5" and a Markdown list ("- 第一步") are ordinary text.
 */
export function startsLikeFormula(value: string): boolean {
  return /^(?:[=+@]|-[\p{L}("'“‘])/u.test(value.trim());
}

export const FORMULA_CELL_MESSAGE = '以 = + - @ 开头，用 Excel 打开导出的表格时会被当作公式执行：请在开头加上文字或删去该符号';

/**
 * Warnings (the folder stays valid, and export writes cells verbatim so that import(export(x)) == x):
 * catalogue cells and concern fields that start like a formula. The row is the item's place in its
 * file as export writes it (header = row 1); the id names it exactly when the file has blank rows.
 */
export function formulaCellWarnings(bundle: KnowledgeBundle): KnowledgeIssue[] {
  const warnings: KnowledgeIssue[] = [];
  const rowInFile = new Map<string, number>();
  for (const item of bundle.items) {
    const row = (rowInFile.get(item.sourceFile) ?? 1) + 1;
    rowInFile.set(item.sourceFile, row);
    const cells: [string, string | null][] = [
      ...CATALOGUE_COLUMNS.map((c) => [c.header, item[c.field]] as [string, string | null]),
      ...Object.entries(item.extra),
    ];
    for (const [column, value] of cells) {
      if (value && startsLikeFormula(value)) {
        warnings.push({ file: `catalogue/${item.sourceFile}`, entry: `第${row}行（编号 ${item.id}）`, field: column, message: FORMULA_CELL_MESSAGE });
      }
    }
  }
  for (const concern of bundle.concerns) {
    for (const [field, value] of concernTextFields(concern)) {
      if (startsLikeFormula(value)) warnings.push({ file: `concerns/${concern.sourceFile}`, entry: concern.id, field, message: FORMULA_CELL_MESSAGE });
    }
  }
  return warnings;
}

/** The fields of a concern staff write, named as the folder names them. */
export function concernTextFields(concern: Pick<ConcernRecord, 'title' | 'question' | 'paraphrases' | 'keywords' | 'answer'>): [string, string][] {
  return [
    ['title', concern.title], ['question', concern.question],
    ...concern.paraphrases.map((p, i): [string, string] => [`paraphrases[${i}]`, p]),
    ...concern.keywords.map((k, i): [string, string] => [`keywords[${i}]`, k]),
    ['answer', concern.answer],
  ];
}
