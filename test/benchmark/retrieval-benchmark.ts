import { existsSync, readFileSync } from 'node:fs';
import { TextAnalyzer } from '@app/analysis';
import { PretokenizedIndex, termGrams } from '@app/matching';
import { parse as parseCsv } from 'csv-parse/sync';
import MiniSearch from 'minisearch';
import { intlSegmenterTokenize } from './answer-strategies.js';

export interface RetrievalFigures {
  name: string;
  top1: number;
  top10: number;
  p50Ms: number;
}

interface QaPair {
  question: string;
  answer: string;
}

export function loadQaPairs(path: string): QaPair[] | null {
  if (!existsSync(path)) return null;
  const rows = parseCsv(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
  return rows
    .map((r) => ({ question: r['用户问题']?.trim() ?? '', answer: r['正文内容']?.trim() ?? '' }))
    .filter((r) => r.question && r.answer);
}

type Ranker = (question: string) => number[];

function measure(name: string, pairs: QaPair[], rank: Ranker): RetrievalFigures {
  let top1 = 0;
  let top10 = 0;
  const times: number[] = [];
  pairs.forEach((pair, i) => {
    const started = performance.now();
    const ranked = rank(pair.question);
    times.push(performance.now() - started);
    if (ranked[0] === i) top1++;
    if (ranked.slice(0, 10).includes(i)) top10++;
  });
  times.sort((a, b) => a - b);
  return { name, top1: top1 / pairs.length, top10: top10 / pairs.length, p50Ms: times[Math.floor(times.length / 2)] };
}

function miniSearchRanker(pairs: QaPair[], tokenize?: (text: string) => string[]): Ranker {
  const search = new MiniSearch({ fields: ['answer'], ...(tokenize ? { tokenize } : {}) });
  search.addAll(pairs.map((p, id) => ({ id, answer: p.answer })));
  return (q) => search.search(q).slice(0, 10).map((r) => r.id as number);
}

/**
 * The product's analysis over the same answers: words and character grams, each BM25 with
 * frequent terms pruned, fused by reciprocal rank.
 */
function productRanker(pairs: QaPair[]): Ranker {
  const analyzer = new TextAnalyzer({});
  const tuning = { boost: { terms: 1 }, maxDocumentFraction: 0.2, minPrunedFrequency: 50, minRetrievalTerms: 3 };
  const words = new PretokenizedIndex(['terms'], tuning);
  const grams = new PretokenizedIndex(['terms'], tuning);
  const analysed = pairs.map((p) => analyzer.terms(p.answer));
  words.addAll(analysed.map((terms, id) => ({ id: String(id), fields: { terms } })));
  grams.addAll(analysed.map((terms, id) => ({ id: String(id), fields: { terms: termGrams(terms) } })));
  return (q) => {
    const terms = analyzer.queryTerms(q);
    const fused = new Map<string, number>();
    const add = (ids: string[], weight: number) =>
      ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + weight / (20 + rank)));
    add(words.retrieve(terms, 50).map((h) => h.id), 1);
    add(grams.retrieve(termGrams(terms), 50).map((h) => h.id), 0.7);
    return [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => Number(id));
  };
}

export function runRetrievalBenchmark(pairs: QaPair[]): RetrievalFigures[] {
  const jieba = new TextAnalyzer({});
  return [
    measure('MiniSearch 默认分词（基线）', pairs, miniSearchRanker(pairs)),
    measure('MiniSearch + Intl.Segmenter', pairs, miniSearchRanker(pairs, intlSegmenterTokenize)),
    measure('MiniSearch + jieba 分词', pairs, miniSearchRanker(pairs, (t) => jieba.words(t))),
    measure('本系统（归一化+jieba+同义词+字词双通道）', pairs, productRanker(pairs)),
  ];
}
