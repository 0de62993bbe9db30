/** Where a long answer may be cut, best first: paragraphs, lines, sentences, clauses. */
const BREAKS = [/\n\s*\n/g, /\n/g, /(?<=[。！？!?；;])/g, /(?<=[，,、：:）)])/g];

/**
 * Splits a reply into chat messages of at most `maxChars` characters (code points), cutting at the
 * most natural boundary that fits; numbered "（1/3）" so that a resident sees nothing is missing.
 */
export function splitReply(text: string, maxChars: number): string[] {
  const clean = text.trim();
  if (!clean) return [];
  // Room for the "（12/12）" marker.
  const budget = Math.max(10, maxChars - 8);
  if ([...clean].length <= maxChars) return [clean];
  const chunks: string[] = [];
  let rest = clean;
  while ([...rest].length > budget) {
    const cut = findCut(rest, budget);
    chunks.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) chunks.push(rest);
  return chunks.map((c, i) => `${c}（${i + 1}/${chunks.length}）`);
}

/** UTF-16 index of the best cut within the first `budget` code points. */
function findCut(text: string, budget: number): number {
  const limit = [...text].slice(0, budget).join('').length;
  const window = text.slice(0, limit);
  for (const pattern of BREAKS) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = match.index! + match[0].length;
      // A cut in the first third would leave a stub message: try the next, finer kind of break.
      if (end > limit / 3 && end <= limit) best = end;
    }
    if (best > 0) return best;
  }
  return limit;
}
