export * from './auth.types.js';
export * from './password.js';
export * from './login-rate-limiter.js';
export * from './auth.service.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './entities/index.js';
export * from './migrations/index.js';
