export * from './chinese-numerals.js';
export * from './text-normalizer.js';
export * from './stopwords.js';
export * from './base-synonyms.js';
export * from './synonym-table.js';
export * from './chinese-segmenter.js';
export * from './text-analyzer.js';
export * from './text-similarity.js';
