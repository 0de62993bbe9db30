export * from './clarification-store.js';
export * from './small-talk.js';
export * from './reply-composer.js';
export * from './query-log.service.js';
export * from './conversation.service.js';
export * from './conversation.module.js';
