/** Two tiers: unit specs beside the code, medium/API specs in test/ against a real PostgreSQL. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// The shared contracts from their sources, so a spec never runs against a stale contracts/dist.
const moduleNameMapper = { '^@yuejuan/contracts$': '<rootDir>/contracts/src/index.ts' };
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/contracts/src/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'medium',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
