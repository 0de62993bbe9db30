export * from './disclosure-deadline.js';
export * from './question-grouper.js';
