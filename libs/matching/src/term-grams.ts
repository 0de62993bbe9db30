// Character n-grams live in their own term space: the prefix keeps the gram 低保 apart from the word 低保.
const GRAM_PREFIX = '\u00a7';
const CJK = /\p{Script=Han}/u;

/**
 * Characters and character pairs of the analysed words (CJK only): a second, coarser view of the
 * same text that still matches when segmentation differs (灯坏 vs 路灯) or a word is unknown.
 */
export function termGrams(terms: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const term of terms) {
    const chars = [...term];
    if (!chars.every((c) => CJK.test(c))) continue;
    for (let i = 0; i < chars.length; i++) {
      grams.add(GRAM_PREFIX + chars[i]);
      if (i + 1 < chars.length) grams.add(GRAM_PREFIX + chars[i] + chars[i + 1]);
    }
  }
  return [...grams];
}
