import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAppConfig } from '@app/common';
import { AnswerIndex } from '@app/matching';
import { isDevQuestion, loadLabelledQuestions } from './labelled-questions.js';
import { loadKnowledgeSnapshot } from './knowledge-loader.js';
import { pct } from './quality-report.js';
import { joinRealMessages, loadRealMessageLabels, splitRealMessages } from './real-messages/real-message-benchmark.js';
import { evaluateMix, rankMessages, searchThresholds, UTILITY, type CurvePoint, type DecisionMix } from './threshold-search.js';

const describe = (m: DecisionMix) =>
  `效用 ${m.utility.toFixed(3)}，范围内解决 ${pct(m.resolved)}，直接答复 ${pct(m.answered)}，反问 ${pct(m.clarified)}，拒答 ${pct(m.declined)}，错答 ${pct(m.wrong)}`;

/**
 * `npm run calibrate`: chooses the three decision bands (answer, margin, clarify) by the utility of
 * what residents get, on the dev half of the labelled questions and of the labelled real messages
 * (when ../shared/data is there); reports the held-out halves, prints the curve, and with --write
 * puts the thresholds into config/default.yaml.
 */
async function main(): Promise<void> {
  const config = loadAppConfig({ ...process.env, NODE_ENV: 'test' });
  const snapshot = await loadKnowledgeSnapshot(resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge'));
  const index = AnswerIndex.build(snapshot);
  const questions = loadLabelledQuestions(resolve('test/benchmark/questions'));
  const real = joinRealMessages(resolve('../shared/data'), loadRealMessageLabels(resolve('test/benchmark/real-messages/labels.jsonl')), (id) => snapshot.concerns.has(id));
  const thresholds = config.matching.thresholds;
  const rank = (dev: boolean) => ({
    questions: rankMessages(index, questions.filter((q) => isDevQuestion(q) === dev).map((q) => ({ text: q.q, expect: q.expect ? [q.expect] : [] })), thresholds),
    real: real ? rankMessages(index, splitRealMessages(real, dev).map((m) => ({ text: m.message.text, expect: m.expect })), thresholds) : [],
  });
  const dev = rank(true);
  console.log(`效用：答对 +${UTILITY.rightAnswer}，选项含正确项 +${UTILITY.rightChoice}，拒答 ${UTILITY.decline}，选项不含正确项 ${UTILITY.wrongChoices}，错答 ${UTILITY.wrongAnswer}`);
  console.log(`开发集：标注问题 ${dev.questions.length} 个，真实留言 ${dev.real.length} 条${real ? '' : '（未找到 ../shared/data，只用标注问题）'}\n`);

  const calibration = searchThresholds([...dev.questions, ...dev.real]);
  const printCurve = (title: string, curve: CurvePoint[]) => {
    console.log(`${title}\n\n| 直接答复阈值 | 最佳反问阈值 | 效用 | 范围内解决 | 直接答复 | 反问 | 拒答 | 错答 |\n|---|---|---|---|---|---|---|---|`);
    for (const p of curve.filter((_, i) => i % 2 === 0)) {
      const m = p.mix;
      console.log(`| ${p.answer} | ${p.clarify} | ${m.utility.toFixed(3)} | ${pct(m.resolved)} | ${pct(m.answered)} | ${pct(m.clarified)} | ${pct(m.declined)} | ${pct(m.wrong)} |`);
    }
    console.log('');
  };
  printCurve('问题（按整句匹配）', calibration.curve);
  printCurve('长留言（在故事中找出诉求再匹配）', calibration.storyCurve);
  const t = calibration.thresholds;
  console.log(`\n选定（开发集）${JSON.stringify(t)}：${describe(calibration.mix)}`);
  console.log(`  其中标注问题：${describe(evaluateMix(dev.questions, t))}`);
  if (real) console.log(`  其中真实留言：${describe(evaluateMix(dev.real, t))}`);
  // The held-out halves are looked at once, at the end of a round of work (npm run bench reports them too).
  if (process.argv.includes('--held-out')) {
    const heldOut = rank(false);
    console.log(`留出集（未参与校准）标注问题：${describe(evaluateMix(heldOut.questions, t))}`);
    if (real) console.log(`留出集真实留言：${describe(evaluateMix(heldOut.real, t))}`);
  }
  if (process.argv.includes('--write')) {
    const path = resolve('config/default.yaml');
    const text = readFileSync(path, 'utf8')
      .replace(/(\n    answer: )[\d.]+/, `$1${t.answer}`)
      .replace(/(\n    margin: )[\d.]+/, `$1${t.margin}`)
      .replace(/(\n    clarify: )[\d.]+/, `$1${t.clarify}`)
      .replace(/(\n    storyAnswer: )[\d.]+/, `$1${t.storyAnswer}`)
      .replace(/(\n    storyClarify: )[\d.]+/, `$1${t.storyClarify}`);
    writeFileSync(path, text);
    console.log(`已写入 ${path}`);
  }
}

void main();
