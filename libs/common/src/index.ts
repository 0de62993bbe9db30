export * from './app-config.js';
export * from './personal-data.js';
export * from './hotline-config.js';
export * from './bot-config.js';
export * from './insights-config.js';
export * from './storable-text.js';
export * from './redis-connections.js';
