/**
 * Four suites, each a jest project (`npm run jest -- --selectProjects unit`):
 * - unit: the domain, the dialogs and pure helpers; no database, no process, no browser. The
 *   edit-and-test loop (`npm run test:unit`, under a minute).
 * - integration: storage, jobs, server, channels, commands and whole processes, on PGlite and
 *   (with TEST_DATABASE_URL) PostgreSQL.
 * - browser: the resident page and the staff tab in a real Chromium.
 * - fault: killed processes, lost databases, unreachable Teams, and fuzzed inputs.
 * - production: a production install as the Dockerfile makes it, from the npm registry (about a
 *   minute and a half; `npm run test:production`, run by CI after `npm test`).
 */
const UNIT = [
  '<rootDir>/test/{domain,dialogs,config}/**/*.test.ts',
  '<rootDir>/test/storage/catalog-file.test.ts',
  '<rootDir>/test/server/{rate-limit,client-address,staff-authorisation,notices,page-texts}.test.ts',
  '<rootDir>/test/channels/{handoff-card,mail-notifier,directline-tokens,conversation-state,lazy-clients,bot-framework-adapter}.test.ts',
  '<rootDir>/test/cli/manifest.test.ts',
];
/** Dialog tests that check what reached a real database: integration, though they live with the dialogs. */
const DIALOGS_ON_A_DATABASE = ['<rootDir>/test/dialogs/(handoff-dialog|long-conversation|volunteer-register)\\.test\\.ts'];
const BROWSER = ['<rootDir>/test/e2e/**/*.test.ts'];
/** The production install, made from the npm registry as the Dockerfile makes it: its own CI step (`npm run test:production`), outside `npm test`. */
const PRODUCTION = ['<rootDir>/test/process/production-install.test.ts'];
const FAULT = ['<rootDir>/test/{faults,fuzz}/**/*.test.ts'];

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // The generated Prisma client and the schema engine load WASM; give database tests room.
  resolver: '<rootDir>/test/support/resolver.js',
  // franc (language detection) and its helpers ship ES modules only: compile them like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(franc|trigram-utils|n-gram|collapse-white-space)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: UNIT, testPathIgnorePatterns: DIALOGS_ON_A_DATABASE },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        '<rootDir>/test/(domain|config|e2e|faults|fuzz)/',
        '<rootDir>/test/dialogs/(?!handoff-dialog|long-conversation|volunteer-register)',
        '<rootDir>/test/storage/catalog-file\\.test\\.ts',
        '<rootDir>/test/server/(rate-limit|client-address|staff-authorisation|notices|page-texts)\\.test\\.ts',
        '<rootDir>/test/channels/(handoff-card|mail-notifier|directline-tokens|conversation-state|lazy-clients|bot-framework-adapter)\\.test\\.ts',
        '<rootDir>/test/cli/manifest\\.test\\.ts',
        '<rootDir>/test/process/production-install\\.test\\.ts',
      ],
    },
    { ...shared, displayName: 'browser', testMatch: BROWSER },
    { ...shared, displayName: 'fault', testMatch: FAULT },
    { ...shared, displayName: 'production', testMatch: PRODUCTION },
  ],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: database files run side by side, each with its own database.
  maxWorkers: 2,
  // Each test file loads its own catalog, router model and Prisma client, and a worker's heap
  // grows past a gigabyte over a run; so large a process can take longer to exit than jest's
  // half second of grace ("a worker process has failed to exit gracefully"). A worker that
  // has grown past this is replaced between files instead.
  workerIdleMemoryLimit: '700MB',
  workerGracefulExitTimeout: 5_000,
};
