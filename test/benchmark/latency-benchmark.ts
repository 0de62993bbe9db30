import MiniSearch from 'minisearch';
import { AnswerIndex, matchQuestion, type DecisionThresholds } from '@app/matching';
import { intlSegmenterTokenize } from './answer-strategies.js';
import { syntheticKnowledge, syntheticQuestions } from './synthetic-knowledge.js';

export interface LatencyFigures {
  name: string;
  documents: string;
  buildMs: number;
  heapMb: number;
  p50Ms: number;
  p99Ms: number;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function percentiles(run: (q: string) => void, questions: string[]): { p50: number; p99: number } {
  for (const q of questions.slice(0, 100)) run(q); // warm-up
  const times = questions.map((q) => {
    const started = performance.now();
    run(q);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] };
}

/**
 * In-process answer time on a generated knowledge base, the product against plain MiniSearch +
 * Intl.Segmenter. The baseline is slow at this size (it scores every match), so it gets fewer questions.
 */
export function runLatencyBenchmark(
  concernCount: number, itemCount: number, thresholds: DecisionThresholds, queries = 3000, baselineQueries = 600,
): LatencyFigures[] {
  const documents = `${concernCount.toLocaleString('en')} 关切 + ${itemCount.toLocaleString('en')} 目录事项`;
  const questions = syntheticQuestions(queries);
  const results: LatencyFigures[] = [];
  {
    const snapshot = syntheticKnowledge(concernCount, itemCount);
    const before = heapMb();
    const started = performance.now();
    let index: AnswerIndex | null = AnswerIndex.build(snapshot);
    const buildMs = performance.now() - started;
    const heap = heapMb() - before;
    const { p50, p99 } = percentiles((q) => matchQuestion(index!, q, thresholds), questions);
    results.push({ name: '本系统（完整应答：分析+关切+目录+决策）', documents, buildMs, heapMb: heap, p50Ms: p50, p99Ms: p99 });
    index = null;
  }
  {
    const snapshot = syntheticKnowledge(concernCount, itemCount);
    const before = heapMb();
    const started = performance.now();
    let search: MiniSearch | null = new MiniSearch({ fields: ['title', 'text'], tokenize: intlSegmenterTokenize, searchOptions: { boost: { title: 2 } } });
    search.addAll([
      ...snapshot.bundle.concerns.map((c) => ({ id: c.id, title: c.title, text: [c.question, ...c.paraphrases, ...c.keywords].join(' ') })),
      ...snapshot.bundle.items.map((i) => ({ id: i.id, title: i.title, text: [i.level1, i.content, i.basis, i.timeLimit, i.publisher].join(' ') })),
    ]);
    const buildMs = performance.now() - started;
    const heap = heapMb() - before;
    const { p50, p99 } = percentiles((q) => search!.search(q).slice(0, 5), questions.slice(0, baselineQueries));
    results.push({ name: 'MiniSearch + Intl.Segmenter（基线，单索引）', documents, buildMs, heapMb: heap, p50Ms: p50, p99Ms: p99 });
    search = null;
  }
  return results;
}

/**
 * In-process answer time for long messages on the shipped knowledge: each message is real text cut
 * or repeated to `chars` characters (the API's limit is 1,000), and each is new (no match cache).
 */
export function runLongMessageLatency(
  index: AnswerIndex, texts: string[], thresholds: DecisionThresholds, chars = 1000,
): { name: string; p50Ms: number; p99Ms: number; count: number }[] {
  const messages = texts.map((t, i) => `${i} ${t.repeat(Math.ceil(chars / Math.max(1, t.length)))}`.slice(0, chars));
  const product = percentiles((q) => matchQuestion(index, q, thresholds), messages);
  const search = new MiniSearch({ fields: ['title', 'text'], tokenize: intlSegmenterTokenize, searchOptions: { boost: { title: 2 } } });
  search.addAll(index.knowledge.publishedConcerns().map((c) => ({ id: c.id, title: c.title, text: [c.question, ...c.paraphrases, ...c.keywords].join(' ') })));
  const baseline = percentiles((q) => search.search(q).slice(0, 5), messages);
  return [
    { name: '本系统（读留言+逐个诉求匹配+决策）', p50Ms: product.p50, p99Ms: product.p99, count: messages.length },
    { name: 'MiniSearch + Intl.Segmenter（基线）', p50Ms: baseline.p50, p99Ms: baseline.p99, count: messages.length },
  ];
}
