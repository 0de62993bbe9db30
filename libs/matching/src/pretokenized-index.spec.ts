import { describe, expect, it } from '@jest/globals';
import MiniSearch from 'minisearch';
import { PretokenizedIndex, type PretokenizedDocument } from './pretokenized-index.js';

const documents: PretokenizedDocument[] = [
  { id: 'a', fields: { words: ['低保', '申请', '材料'], grams: ['§低', '§保'] } },
  { id: 'b', fields: { words: ['低保', '停发'], grams: ['§低', '§保', '§停'] } },
  { id: 'c', fields: { words: ['路灯', '坏', '申请'], grams: ['§路', '§灯'] } },
  { id: 'd', fields: { words: ['低保', '标准', '低保'], grams: [] } },
  { id: 'e', fields: { words: ['公租房', '申请', '条件'], grams: ['§公'] } },
];
const tuning = { boost: { words: 1, grams: 0.5 }, maxDocumentFraction: 1, minPrunedFrequency: 100, minRetrievalTerms: 3 };

describe('PretokenizedIndex.retrieve', () => {
  it('scores as one MiniSearch OR query over the same terms would, from per-term results', () => {
    const index = new PretokenizedIndex(['words', 'grams'], tuning);
    index.addAll(documents);
    const reference = new MiniSearch({
      fields: ['words', 'grams'], tokenize: (text) => (text ? text.split('\u0001') : []), processTerm: (t) => t,
      searchOptions: { boost: tuning.boost, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    reference.addAll(documents.map((d) => ({ id: d.id, words: d.fields.words.join('\u0001'), grams: d.fields.grams.join('\u0001') })));

    for (const terms of [['低保', '申请'], ['申请', '§低', '停发'], ['路灯'], ['低保', '申请'], ['条件', '低保', '§公']]) {
      const expected = reference.search(terms.join('\u0001')).map((r) => ({ id: r.id as string, bm25: r.score, matched: r.match }));
      const actual = index.retrieve(terms, 10);
      expect(actual.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      actual.forEach((r, i) => {
        expect(r.bm25).toBeCloseTo(expected[i].bm25, 10);
        expect(r.matched).toEqual(expected[i].matched);
      });
    }
  });

  it('keeps only documents the filter accepts, best first, up to the limit', () => {
    const index = new PretokenizedIndex(['words', 'grams'], tuning);
    index.addAll(documents);
    expect(index.retrieve(['申请'], 10, (id) => id !== 'a').map((r) => r.id).sort()).toEqual(['c', 'e']);
    expect(index.retrieve(['低保', '申请'], 2)).toHaveLength(2);
    expect(index.retrieve(['没有这个词'], 10)).toEqual([]);
  });
});
