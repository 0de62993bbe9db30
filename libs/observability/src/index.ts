export * from './json-logger.js';
export * from './rate-limiter.js';
export * from './request-context.js';
export * from './service-metrics.js';
