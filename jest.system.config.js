// System tests (`npm run test:system`): the hostile-input corpus, two instances as one, faults.
// Slower than `npm test`, and some need PostgreSQL and Redis; .ci/run runs them after the unit and e2e tests.
import base from './jest.config.js';

export default {
  ...base,
  roots: ['<rootDir>/test/system'],
  testMatch: ['**/*.system-spec.ts'],
  testTimeout: 600000,
  maxWorkers: 1,
};
