import { normalizeText } from './text-normalizer.js';

/** The comparable form of a phrasing: normal form without spaces (punctuation is already gone). */
export function phrasingKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

/**
 * 1 − edit distance / length of the longer text, on phrasingKey forms: 1 for the same words
 * whatever the punctuation, script or width; 0.9 for a one-character change in ten. Below 0.5 the
 * value is only an upper bound (texts of very different length are not compared in full).
 */
export function editSimilarity(a: string, b: string): number {
  return keySimilarity(phrasingKey(a), phrasingKey(b));
}

/** editSimilarity of two texts already in phrasingKey form (for comparing many pairs). */
export function keySimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  // Cheap bound: the length difference alone already costs that many edits.
  if (Math.abs(x.length - y.length) / longest > 0.5) return 1 - Math.abs(x.length - y.length) / longest;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[y.length] / longest;
}
