/** One problem in a knowledge folder, located precisely enough for staff to fix it. */
export interface KnowledgeIssue {
  file: string;
  /** Row number (catalogue, 1-based counting the header as row 1) or entry index/id. */
  entry?: string;
  field?: string;
  message: string;
}

export function formatIssue(issue: KnowledgeIssue): string {
  const where = [issue.file, issue.entry, issue.field].filter(Boolean).join(' · ');
  return `${where}: ${issue.message}`;
}

/** Thrown when a knowledge folder has errors; nothing has been changed. */
export class KnowledgeImportError extends Error {
  constructor(readonly issues: KnowledgeIssue[]) {
    super(
      `知识库导入失败，共 ${issues.length} 处错误（未做任何更改）：\n` +
        issues.slice(0, 50).map((i) => `  - ${formatIssue(i)}`).join('\n') +
        (issues.length > 50 ? `\n  … 另有 ${issues.length - 50} 处` : ''),
    );
    this.name = 'KnowledgeImportError';
  }
}
