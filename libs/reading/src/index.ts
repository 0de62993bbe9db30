export * from './message-reader.js';
