import type {
  AreaRecord, CatalogueItemRecord, ConcernRecord, InterpretationRecord, KnowledgeBundle,
} from './knowledge-model.js';

function index<T>(list: T[], key: (t: T) => string): Map<string, T> {
  return new Map(list.map((entry) => [key(entry), entry]));
}

function backlinks<T>(list: T[], id: (t: T) => string, targets: (t: T) => string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of list) {
    for (const target of targets(entry)) map.set(target, [...(map.get(target) ?? []), id(entry)]);
  }
  return map;
}

/** An immutable, fully linked view of one revision of the knowledge base, for reading fast. */
export class KnowledgeSnapshot {
  readonly areas: Map<string, AreaRecord>;
  readonly items: Map<string, CatalogueItemRecord>;
  readonly interpretations: Map<string, InterpretationRecord>;
  readonly concerns: Map<string, ConcernRecord>;
  /** item → concerns resting on it, item → interpretations explaining it, interpretation → concerns. */
  readonly concernsByItem: Map<string, string[]>;
  readonly interpretationsByItem: Map<string, string[]>;
  readonly concernsByInterpretation: Map<string, string[]>;
  // Computed once: /health, small talk and menus read it on every request.
  private readonly published: readonly ConcernRecord[];

  constructor(readonly bundle: KnowledgeBundle, readonly revision: number) {
    this.areas = index(bundle.areas, (a) => a.code);
    this.items = index(bundle.items, (i) => i.id);
    this.interpretations = index(bundle.interpretations, (i) => i.id);
    this.concerns = index(bundle.concerns, (c) => c.id);
    this.concernsByItem = backlinks(bundle.concerns, (c) => c.id, (c) => c.itemIds);
    this.interpretationsByItem = backlinks(bundle.interpretations, (i) => i.id, (i) => i.itemIds);
    this.concernsByInterpretation = backlinks(bundle.concerns, (c) => c.id, (c) => c.interpretationIds);
    this.published = bundle.concerns.filter((c) => c.status === 'published');
  }

  publishedConcerns(): readonly ConcernRecord[] {
    return this.published;
  }

  areaName(code: string | null): string | null {
    return code ? (this.areas.get(code)?.name ?? code) : null;
  }
}
