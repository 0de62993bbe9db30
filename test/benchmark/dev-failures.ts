import { resolve } from 'node:path';
import { loadAppConfig } from '@app/common';
import { AnswerIndex, matchQuestion } from '@app/matching';
import { detectSmallTalk } from '@app/conversation';
import { isDevQuestion, loadLabelledQuestions } from './labelled-questions.js';
import { loadKnowledgeSnapshot } from './knowledge-loader.js';

/**
 * Curator's tool: the DEV half's misses (wrong top-1, wrong answers, out-of-scope answered), with
 * the analysed terms and the competing concerns, so knowledge and matcher fixes address failure
 * patterns. It never prints held-out questions: those stay unseen so their figure stays honest.
 * Run: node dist/test/benchmark/dev-failures.js [--all-ranks]
 */
async function main(): Promise<void> {
  const config = loadAppConfig({ ...process.env, NODE_ENV: 'test' });
  const snapshot = await loadKnowledgeSnapshot(resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge'));
  const index = AnswerIndex.build(snapshot);
  const titles = new Map(snapshot.publishedConcerns().map((c) => [c.id, c.title]));
  const dev = loadLabelledQuestions(resolve('test/benchmark/questions')).filter(isDevQuestion);
  let misses = 0;
  for (const q of dev) {
    if (detectSmallTalk(index.analyzer.normalize(q.q))) {
      if (q.expect) console.log(`[寒暄误判] ${q.q} → 应为 ${q.expect}`);
      continue;
    }
    const m = matchQuestion(index, q.q, config.matching.thresholds);
    const top = m.concerns[0]?.id ?? null;
    const wrongAnswer = m.decision === 'answer' && m.chosen[0]?.id !== q.expect;
    const miss = q.expect ? top !== q.expect : m.decision !== 'none';
    if (!miss && !wrongAnswer) continue;
    misses++;
    const rank = q.expect ? m.concerns.findIndex((c) => c.id === q.expect) + 1 : 0;
    console.log(`\n${wrongAnswer ? '[错答]' : q.expect ? '[top1错]' : '[范围外未拒]'} ${q.q}  (${q.file}; ${m.decision})`);
    console.log(`  应为: ${q.expect ?? '无'} ${q.expect ? titles.get(q.expect) ?? '(不存在)' : ''}${rank ? `  排第${rank}` : q.expect ? '  不在前5' : ''}`);
    console.log(`  词: ${m.query.terms.join(' ')}${Object.keys(m.query.corrections).length ? `  纠正: ${JSON.stringify(m.query.corrections)}` : ''}`);
    for (const c of m.concerns.slice(0, 3)) console.log(`  ${c.score.toFixed(3)} ${c.id} ${c.title} ← ${c.matchedPhrasing} [${c.matchedTerms.join(' ')}]`);
  }
  console.log(`\n开发集 ${dev.length} 个问题，未命中 ${misses}`);
}

void main();
