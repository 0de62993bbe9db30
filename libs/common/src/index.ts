export * from './app-config.js';
export * from './personal-data.js';
