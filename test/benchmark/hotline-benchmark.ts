import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { normalizeText } from '@app/analysis';
import { OperatorSearchService } from '@app/hotline';
import { AnswerIndex, type AnswerIndexService } from '@app/matching';
import { loadKnowledgeSnapshot } from './knowledge-loader.js';
import { startSignedInService } from './signed-in-service.js';

export interface HotlineSearchFigures {
  /** Queries of exactly four characters, one after another (an operator typing). */
  four: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** Every prefix of 2–8 characters, as a search-as-you-type box sends them. */
  prefixes: { count: number; p50Ms: number; p99Ms: number };
  /** The same 4-character queries inside the process (search service only, no HTTP, no sign-in check). */
  inProcess: { p50Ms: number; p99Ms: number };
  /** Share of 4-character queries whose top concern is the labelled one. */
  fourTop1: number;
  /** 1-minute load average when done: on a shared 2-CPU machine the tail depends on it. */
  loadAverage: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Operator search (GET /api/hotline/search) over HTTP against the built service (dist) on the
 * full knowledge base, in a process of its own: what an operator's browser waits for.
 */
export async function runHotlineSearchBenchmark(questions: { q: string; expect: string | null }[], port = 3910): Promise<HotlineSearchFigures> {
  const service = await startSignedInService(port);
  const { base } = service;
  try {
    const search = async (q: string) => {
      const started = performance.now();
      const res = await fetch(`${base}/api/hotline/search?q=${encodeURIComponent(q)}`, { headers: service.auth });
      const body = (await res.json()) as { concerns?: { id: string }[] };
      if (!res.ok) throw new Error(`检索失败：${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, top: body.concerns?.[0]?.id ?? null };
    };

    const texts = questions.map((q) => ({ text: normalizeText(q.q).replace(/\s+/g, ''), expect: q.expect })).filter((q) => [...q.text].length >= 4);
    for (const { text } of texts.slice(0, 50)) await search(text.slice(0, 4)); // warm-up
    const four: number[] = [];
    let hits = 0;
    let labelled = 0;
    for (const { text, expect } of texts) {
      const { ms, top } = await search([...text].slice(0, 4).join(''));
      four.push(ms);
      if (expect) {
        labelled++;
        if (top === expect) hits++;
      }
    }
    const prefixes: number[] = [];
    for (const { text } of texts.slice(0, 200)) {
      const chars = [...text];
      for (let n = 2; n <= Math.min(8, chars.length); n++) prefixes.push((await search(chars.slice(0, n).join(''))).ms);
    }
    four.sort((a, b) => a - b);
    const inProcess = await timeInProcess(texts.map((t) => [...t.text].slice(0, 4).join('')));
    prefixes.sort((a, b) => a - b);
    return {
      four: { count: four.length, p50Ms: percentile(four, 0.5), p99Ms: percentile(four, 0.99), maxMs: four.at(-1) ?? 0 },
      prefixes: { count: prefixes.length, p50Ms: percentile(prefixes, 0.5), p99Ms: percentile(prefixes, 0.99) },
      inProcess,
      fourTop1: labelled ? hits / labelled : 0,
      loadAverage: loadavg()[0],
    };
  } finally {
    await service.stop();
  }
}

/** What the search itself costs, to tell it apart from the HTTP stack and the session check around it. */
async function timeInProcess(queries: string[]): Promise<{ p50Ms: number; p99Ms: number }> {
  const index = AnswerIndex.build(await loadKnowledgeSnapshot(resolve(process.env.KNOWLEDGE_DIR ?? 'knowledge')));
  const service = new OperatorSearchService({ current: () => index } as AnswerIndexService);
  for (const q of queries.slice(0, 50)) service.search(q);
  const times = queries.map((q) => {
    const started = performance.now();
    service.search(q);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}
