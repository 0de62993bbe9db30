/**
 * The knowledge base as plain data: what a knowledge folder holds and what the database
 * stores. Free-text cells are kept exactly as written so that export(import(x)) equals x.
 */
export type ConcernStatus = 'published' | 'draft' | 'retired';
export const CONCERN_STATUSES: readonly ConcernStatus[] = ['published', 'draft', 'retired'];

/**
 * `concern`: a matter the county answers itself. `referral` (转办指引): a matter another channel
 * handles (traffic police 122, 12315, 95598, 110/119/120 …); its answer says who handles it and how
 * to reach them, and it needs no catalogue item. The folder writes `kind:` only for referrals.
 */
export type ConcernKind = 'concern' | 'referral';
export const CONCERN_KINDS: readonly ConcernKind[] = ['concern', 'referral'];

export interface AreaRecord {
  code: string;
  name: string;
  aliases: string[];
  department: string | null;
}

export interface CatalogueItemRecord {
  id: string;
  areaCode: string;
  level1: string;
  /** 二级事项: the item's title. */
  title: string;
  /** 公开内容, as written (numbered `1.…;2.…` lines are split for display by splitNumberedList). */
  content: string;
  basis: string | null;
  timeLimit: string | null;
  publisher: string | null;
  channels: string | null;
  audience: string | null;
  mode: string | null;
  level: string | null;
  /** Columns this version does not know, kept for the round trip. */
  extra: Record<string, string>;
  /** The file it came from, relative to catalogue/ (export writes it back there). */
  sourceFile: string;
}

export interface InterpretationRecord {
  id: string;
  title: string;
  document: string | null;
  docNumber: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  form: string | null;
  body: string;
  itemIds: string[];
  extra: Record<string, unknown>;
  sourceFile: string;
}

export interface ConcernRecord {
  id: string;
  title: string;
  question: string;
  paraphrases: string[];
  keywords: string[];
  answer: string;
  areaCode: string | null;
  itemIds: string[];
  interpretationIds: string[];
  status: ConcernStatus;
  /** `concern` unless the folder says `kind: referral`. */
  kind: ConcernKind;
  extra: Record<string, unknown>;
  sourceFile: string;
}

export interface KnowledgeBundle {
  areas: AreaRecord[];
  items: CatalogueItemRecord[];
  interpretations: InterpretationRecord[];
  concerns: ConcernRecord[];
  synonymGroups: string[][];
  words: string[];
}

export function emptyBundle(): KnowledgeBundle {
  return { areas: [], items: [], interpretations: [], concerns: [], synonymGroups: [], words: [] };
}

/** `1.甲;2.乙;` → ['甲', '乙']; text without numbering stays one entry. */
export function splitNumberedList(text: string | null | undefined): string[] {
  if (!text) return [];
  const parts = text
    .split(/(?:^|[;；\n]\s*)\d+[.、．]\s*/u)
    .map((p) => p.replace(/[;；。\s]+$/u, '').trim())
    .filter(Boolean);
  return parts.length > 0 ? parts : [text.trim()];
}

/** `■政府网站 □政府公报 ■两微一端` → ['政府网站', '两微一端']; a plain `、` list as it is. */
export function parseChannels(text: string | null | undefined): string[] {
  if (!text) return [];
  if (/[■□]/.test(text)) {
    return [...text.matchAll(/■\s*([^■□]+)/g)].map((m) => m[1].trim()).filter(Boolean);
  }
  return text.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
}
