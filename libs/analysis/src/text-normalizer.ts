import * as OpenCC from 'opencc-js';
import { convertChineseNumerals } from './chinese-numerals.js';

// Character-level Taiwan/traditional → mainland simplified; phrase-level variants (線上→在线)
// would rewrite meaning, so they are not used.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]+/gu;
const REPEATED_CHAR = /(.)\1{2,}/gu;

/**
 * The one normal form every text takes before analysis, for documents and questions alike:
 * NFKC (full-width → half-width), traditional → simplified, lower case, Chinese numerals as
 * digits, emoji/control characters/punctuation as spaces, runs of one character shortened.
 */
export function normalizeText(raw: string): string {
  let text = simplifyScript(raw);
  text = text.replace(EMOJI, ' ').replace(CONTROL, ' ');
  text = text.replace(PUNCTUATION_OR_SYMBOL, ' ');
  text = convertChineseNumerals(text);
  text = text.replace(REPEATED_CHAR, '$1$1');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The script-level part of the normal form only (NFKC, simplified, lower case): punctuation stays,
 * for readers that split a message into sentences before analysing each.
 */
export function simplifyScript(raw: string): string {
  return toSimplified(raw.normalize('NFKC')).toLowerCase();
}

/** True when the text has at least one letter, digit or CJK character worth analysing. */
export function hasMeaningfulContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
