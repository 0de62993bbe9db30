import type { AnswerIndex } from './answer-index.js';

/** One of a concern's own phrasings that, left out of its concern, is won by another concern. */
export interface LostPhrasing {
  text: string;
  /** 'question' or 'paraphrase'. */
  kind: 'question' | 'paraphrase';
  ownScore: number;
  winnerScore: number;
}

/** Two concerns the engine confuses: the phrasings of each that the other one wins. */
export interface ConfusablePair {
  a: { id: string; title: string };
  b: { id: string; title: string };
  /** A's phrasings won by B, and B's won by A. */
  lostByA: LostPhrasing[];
  lostByB: LostPhrasing[];
}

/**
 * Runs every published concern's own question and paraphrases through the engine, each with that
 * phrasing (and, for the question, the title) left out of its concern — as if a resident had asked
 * it in those words — and collects the pairs of concerns where another concern wins. A pair that
 * wins each other's phrasings is too alike for the engine to tell apart: merge the two, or give
 * their paraphrases and keywords the words that tell them apart.
 */
export function findConfusableConcerns(index: AnswerIndex): ConfusablePair[] {
  const pairs = new Map<string, ConfusablePair>();
  for (const concern of index.knowledge.publishedConcerns()) {
    const tests: { text: string; kind: LostPhrasing['kind']; leaveOut: number[] }[] = [
      { text: concern.question, kind: 'question', leaveOut: [0, 1] },
      ...concern.paraphrases.map((text, i) => ({ text, kind: 'paraphrase' as const, leaveOut: [i + 2] })),
    ];
    for (const test of tests) {
      const ranked = index.concerns.match(index.analyse(test.text), 5, { concernId: concern.id, phrasings: new Set(test.leaveOut) });
      const winner = ranked[0];
      if (!winner || winner.id === concern.id) continue;
      const own = ranked.find((c) => c.id === concern.id)?.score ?? 0;
      const [first, second] = [concern.id, winner.id].sort();
      const key = `${first}\u0000${second}`;
      let pair = pairs.get(key);
      if (!pair) {
        const title = (id: string) => index.knowledge.concerns.get(id)?.title ?? id;
        pair = { a: { id: first, title: title(first) }, b: { id: second, title: title(second) }, lostByA: [], lostByB: [] };
        pairs.set(key, pair);
      }
      (concern.id === first ? pair.lostByA : pair.lostByB).push({ text: test.text, kind: test.kind, ownScore: own, winnerScore: winner.score });
    }
  }
  const weight = (p: ConfusablePair) => p.lostByA.length + p.lostByB.length + (p.lostByA.length > 0 && p.lostByB.length > 0 ? 2 : 0);
  return [...pairs.values()].sort((x, y) => weight(y) - weight(x));
}

/**
 * Worth a warning: the standard question itself is won by the other concern, or at least two
 * phrasings are. (One paraphrase lost to a neighbour is ordinary overlap between related topics.)
 */
export function isConfusable(pair: ConfusablePair): boolean {
  const lost = [...pair.lostByA, ...pair.lostByB];
  return lost.length >= 2 || lost.some((l) => l.kind === 'question');
}

/** The report staff read (Simplified Chinese), worst pairs first; `limit` pairs at most. */
export function formatConfusionReport(pairs: ConfusablePair[], limit: number): string[] {
  const lines = pairs.slice(0, limit).map((p) => {
    const side = (lost: LostPhrasing[], owner: { id: string }, other: { id: string }) =>
      lost.length === 0 ? '' : `${owner.id} 有 ${lost.length} 条问法被 ${other.id} 胜出（如“${lost[0].text}”${lost[0].kind === 'question' ? '，是标准问题' : ''}）`;
    const parts = [side(p.lostByA, p.a, p.b), side(p.lostByB, p.b, p.a)].filter(Boolean).join('；');
    return `  - ${p.a.id}「${p.a.title}」 ↔ ${p.b.id}「${p.b.title}」：${parts}`;
  });
  if (pairs.length > limit) lines.push(`  … 另有 ${pairs.length - limit} 对（加 --all 列出全部）`);
  return lines;
}
