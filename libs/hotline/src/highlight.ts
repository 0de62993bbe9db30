import type { TextAnalyzer } from '@app/analysis';

import type { HighlightedText } from './operator-search.types.js';

export type { HighlightedText };

const surfaceCache = new WeakMap<TextAnalyzer, Map<string, string[]>>();

/** Canonical term → every way of writing it (its synonym group), so 低保 also marks 最低生活保障. */
function surfacesByCanonical(analyzer: TextAnalyzer): Map<string, string[]> {
  let map = surfaceCache.get(analyzer);
  if (!map) {
    map = new Map();
    for (const group of analyzer.synonyms.groups) {
      const canonical = analyzer.synonyms.canonical(group[0]);
      map.set(canonical, [...new Set([...(map.get(canonical) ?? []), ...group])]);
    }
    surfaceCache.set(analyzer, map);
  }
  return map;
}

/** The strings to mark for analysed query terms: the terms, their synonyms and the words as typed. */
export function highlightNeedles(analyzer: TextAnalyzer, terms: readonly string[], typed: string): string[] {
  const surfaces = surfacesByCanonical(analyzer);
  const needles = new Set<string>();
  for (const term of terms) {
    needles.add(term);
    for (const s of surfaces.get(term) ?? []) needles.add(s);
  }
  // Typed words as written (坏了 for 损坏), but not the filler the analyzer drops (怎么办, 的).
  for (const word of analyzer.words(typed)) if (analyzer.terms(word).length > 0) needles.add(word);
  // Longest first, so that 最低生活保障 wins over 保障 where both match.
  return [...needles].filter((n) => n.trim()).sort((a, b) => b.length - a.length);
}

/** Marks every occurrence of the needles (case-insensitive), merging overlapping ranges. */
export function highlight(text: string, needles: readonly string[]): HighlightedText {
  const lower = text.toLowerCase();
  const covered = new Uint8Array(text.length);
  for (const needle of needles) {
    const n = needle.toLowerCase();
    for (let at = lower.indexOf(n); at !== -1; at = lower.indexOf(n, at + n.length)) covered.fill(1, at, at + n.length);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < covered.length; i++) {
    if (!covered[i]) continue;
    const start = i;
    while (i < covered.length && covered[i]) i++;
    ranges.push([start, i]);
  }
  return { text, ranges };
}

/** A window of a long text around its first highlighted range (whole text if short). */
export function snippet(text: string, needles: readonly string[], maxLength = 120): HighlightedText {
  const full = highlight(text, needles);
  if (text.length <= maxLength) return full;
  const first = full.ranges[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(maxLength / 4), text.length - maxLength));
  const end = start + maxLength;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: `${prefix}${text.slice(start, end)}${suffix}`,
    ranges: full.ranges
      .filter(([s, e]) => e > start && s < end)
      .map(([s, e]): [number, number] => [Math.max(s, start) - start + prefix.length, Math.min(e, end) - start + prefix.length]),
  };
}

/** `<mark>`-ed HTML-escaped text, for clients that just want to render it. */
export function markedHtml({ text, ranges }: HighlightedText): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${escape(text.slice(at, s))}<mark>${escape(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escape(text.slice(at));
}
