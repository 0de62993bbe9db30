export * from './message-policy.js';
export * from './rate-limiter.js';
export * from './reply-splitter.js';
export * from './puppet-loader.js';
export * from './answer-bot.js';
