import { BASE_SYNONYM_GROUPS } from './base-synonyms.js';

/** Maps every term of a synonym group to its canonical (first) term. */
export class SynonymTable {
  private readonly canonicalByTerm = new Map<string, string>();
  readonly groups: string[][] = [];

  constructor(groups: readonly (readonly string[])[]) {
    for (const group of groups) this.addGroup(group);
  }

  /** Built-in groups, then the knowledge folder's, which take precedence for shared terms. */
  static withBase(folderGroups: readonly (readonly string[])[] = [], normalize: (s: string) => string = (s) => s): SynonymTable {
    const table = new SynonymTable([]);
    for (const group of [...BASE_SYNONYM_GROUPS, ...folderGroups]) {
      table.addGroup(group.map(normalize).filter(Boolean));
    }
    return table;
  }

  private addGroup(group: readonly string[]): void {
    const terms = [...new Set(group.map((t) => t.trim()).filter(Boolean))];
    if (terms.length < 2) return;
    const canonical = terms[0];
    this.groups.push(terms);
    for (const term of terms) this.canonicalByTerm.set(term, canonical);
  }

  canonical(term: string): string {
    return this.canonicalByTerm.get(term) ?? term;
  }

  /** Every term in any group: the segmenter must keep each one whole. */
  terms(): string[] {
    return [...this.canonicalByTerm.keys()];
  }
}

/** Parses dict/synonyms.txt: one group per line, comma separated (ASCII or full-width), # comments. */
export function parseSynonymLines(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/[,，、\t]/).map((t) => t.trim()).filter(Boolean))
    .filter((group) => group.length >= 2);
}
