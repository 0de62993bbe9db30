import { describe, expect, it } from '@jest/globals';
import { splitReply } from './reply-splitter.js';

describe('splitReply', () => {
  it('keeps a short reply whole and drops an empty one', () => {
    expect(splitReply(' 低保标准以县民政局公布的为准。 ', 100)).toEqual(['低保标准以县民政局公布的为准。']);
    expect(splitReply('  ', 100)).toEqual([]);
  });

  it('cuts long replies at paragraphs, then sentences, numbers the parts and loses nothing', () => {
    const para = (n: number) => `第${n}段：${'由申请人向乡镇人民政府提出申请。'.repeat(4)}`;
    const text = [1, 2, 3, 4].map(para).join('\n\n');
    const parts = splitReply(text, 150);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect([...p].length).toBeLessThanOrEqual(150);
      expect(p.endsWith(`（${i + 1}/${parts.length}）`)).toBe(true);
    });
    const joined = parts.map((p) => p.replace(/（\d+\/\d+）$/, '')).join('');
    expect(joined.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    // Each part ends at a sentence end, not in the middle of a word.
    parts.slice(0, -1).forEach((p) => expect(p.replace(/（\d+\/\d+）$/, '')).toMatch(/[。]$/));
  });

  it('hard-cuts text without any break, and never splits a surrogate pair (emoji)', () => {
    const text = '😀'.repeat(300);
    const parts = splitReply(text, 100);
    expect(parts.join('')).not.toContain('\uFFFD');
    expect(parts.map((p) => p.replace(/（\d+\/\d+）$/, '')).join('')).toBe(text);
    parts.forEach((p) => expect([...p].length).toBeLessThanOrEqual(100));
  });
});
