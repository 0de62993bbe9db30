import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAppConfig } from '@app/common';
import { AnswerIndex } from '@app/matching';
import { isDevQuestion, loadLabelledQuestions } from './labelled-questions.js';
import { loadKnowledgeSnapshot } from './knowledge-loader.js';
import { pct } from './quality-report.js';
import { evaluate, precompute, searchThresholds } from './threshold-search.js';

/**
 * `npm run calibrate`: chooses the decision thresholds from the labelled questions rather than by
 * hand. Reports them calibrated on one half and measured on the other (the honest figure), then
 * calibrates on all questions and writes the result into config/default.yaml (with --write).
 */
async function main(): Promise<void> {
  const config = loadAppConfig({ ...process.env, NODE_ENV: 'test' });
  const snapshot = await loadKnowledgeSnapshot(resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge'));
  const index = AnswerIndex.build(snapshot);
  const questions = loadLabelledQuestions(resolve('test/benchmark/questions'));
  const goal = { maxWrongAnswers: 0.015, minCorrectDeclines: 0.9 };
  const rows = precompute(index, questions, config.matching.thresholds);
  const dev = rows.filter((r) => isDevQuestion(r.question));
  const heldOut = rows.filter((r) => !isDevQuestion(r.question));

  const fromDev = searchThresholds(dev, goal);
  if (fromDev) {
    const f = evaluate(heldOut, fromDev.thresholds);
    console.log(`在一半问题上校准 ${JSON.stringify(fromDev.thresholds)}，另一半上：top-1 ${pct(f.top1)}，直接答对 ${pct(f.answeredRight)}，错答 ${pct(f.wrongAnswers)}，正确拒答 ${pct(f.correctDeclines)}`);
  }
  const fromAll = searchThresholds(rows, goal);
  if (!fromAll) {
    console.error('没有阈值能同时满足错答率和拒答率目标：请先改进知识库或匹配。');
    process.exit(1);
  }
  const f = fromAll.figures;
  console.log(`全部 ${rows.length} 个问题上校准：${JSON.stringify(fromAll.thresholds)}：top-1 ${pct(f.top1)}，直接答对 ${pct(f.answeredRight)}，反问含正确项 ${pct(f.clarifiedWithRight)}，错答 ${pct(f.wrongAnswers)}，正确拒答 ${pct(f.correctDeclines)}`);
  if (process.argv.includes('--write')) {
    const path = resolve('config/default.yaml');
    const t = fromAll.thresholds;
    const text = readFileSync(path, 'utf8')
      .replace(/(\n    answer: )[\d.]+/, `$1${t.answer}`)
      .replace(/(\n    margin: )[\d.]+/, `$1${t.margin}`)
      .replace(/(\n    clarify: )[\d.]+/, `$1${t.clarify}`);
    writeFileSync(path, text);
    console.log(`已写入 ${path}`);
  }
}

void main();
