export * from './learning-handled.entity.js';
export * from './learning-group.entity.js';
