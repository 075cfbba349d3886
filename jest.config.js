/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // The generated Prisma client and the schema engine load WASM; give database tests room.
  resolver: '<rootDir>/test/support/resolver.js',
  // franc (language detection) and its helpers ship ES modules only: compile them like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(franc|trigram-utils|n-gram|collapse-white-space)/)'],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: database files run side by side, each with its own database.
  maxWorkers: 2,
};
