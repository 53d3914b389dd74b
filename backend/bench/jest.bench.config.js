/** Benchmarks run by hand through jest (it compiles the TypeScript); never part of `npm test`. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: 'bench/.*\\.bench\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 600_000,
};
