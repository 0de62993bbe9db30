import { formatIssue, KnowledgeSnapshot, readKnowledgeFolder } from '@app/knowledge';

/** A knowledge folder straight into a snapshot, without a database (benchmarks measure matching). */
export async function loadKnowledgeSnapshot(dir: string): Promise<KnowledgeSnapshot> {
  const { bundle, issues } = await readKnowledgeFolder(dir);
  if (issues.length > 0) throw new Error(`知识库有错误：\n${issues.slice(0, 20).map(formatIssue).join('\n')}`);
  return new KnowledgeSnapshot(bundle, 1);
}
