// The operator search's response shapes, with no imports: the console (apps/console) imports these
// types directly instead of keeping a copy.

/** A text with the [start, end) ranges of the query's words in it, for the operator's screen. */
export interface HighlightedText {
  text: string;
  ranges: [number, number][];
}

export interface LinkedItem {
  id: string;
  title: string;
  area: string | null;
  basis: string | null;
  timeLimit: string | null;
  /** 公开主体 */
  publisher: string | null;
  /** The area's responsible department. */
  department: string | null;
}

export interface ConcernRef {
  id: string;
  title: string;
}

export interface ConcernHit {
  type: 'concern';
  id: string;
  score: number;
  title: HighlightedText;
  matchedPhrasing: HighlightedText | null;
  /** 答复口径, in full: what the operator reads out or copies. */
  answer: HighlightedText;
  area: string | null;
  matchedTerms: string[];
  items: LinkedItem[];
  interpretations: { id: string; title: string; docNumber: string | null; publisher: string | null; date: string | null; url: string | null }[];
  related: ConcernRef[];
}

export interface ItemHit extends LinkedItem {
  type: 'item';
  score: number;
  titleHighlight: HighlightedText;
  content: HighlightedText;
  level1: string;
  concerns: ConcernRef[];
}

export interface InterpretationHit {
  type: 'interpretation';
  id: string;
  score: number;
  title: HighlightedText;
  body: HighlightedText;
  docNumber: string | null;
  publisher: string | null;
  date: string | null;
  form: string | null;
  url: string | null;
  concerns: ConcernRef[];
}

export interface OperatorSearchResult {
  query: string;
  terms: string[];
  corrections: Record<string, string>;
  revision: number;
  concerns: ConcernHit[];
  items: ItemHit[];
  interpretations: InterpretationHit[];
}
