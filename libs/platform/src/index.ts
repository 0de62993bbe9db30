export * from './tokens.js';
export * from './platform.module.js';
export * from './knowledge-bootstrap.service.js';
export * from './database-schema.js';
