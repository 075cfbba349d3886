// The layer rules of ARCHITECTURE.md: dependencies point one way,
// domain ← dialogs ← channels ← server ← composition root (src/app/, src/cli/ and the entry points
// src/index.ts, src/cli.ts); storage implements the domain's ports and the background jobs
// (src/jobs/) run on storage. `npm test` fails on a wrong import.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports itself, zod and pure computation (the Snowball stemmers, franc language detection, libphonenumber-js) only: no botbuilder, no Prisma, no HTTP, no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: [
          '^src/domain/',
          '^node_modules/zod/',
          '^node_modules/snowball-stemmers/',
          '^node_modules/(franc|trigram-utils|n-gram|collapse-white-space)/',
          '^node_modules/libphonenumber-js/',
        ],
      },
    },
    {
      name: 'dialogs-use-domain-and-botbuilder-only',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { pathNot: ['^dialogs/', '^src/domain/', '^node_modules/(botbuilder-dialogs|botbuilder-core)/'] },
    },
    {
      name: 'channels-do-not-reach-up-or-into-storage',
      comment: 'Channels get storage and config through their constructors (composition root).',
      severity: 'error',
      from: { path: '^src/channels/' },
      to: { path: ['^src/(server|storage|config|jobs|app|cli)/', '^src/(index|cli)\\.ts$'] },
    },
    {
      name: 'server-does-not-reach-storage',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: ['^src/(storage|jobs|app|cli)/', '^dialogs/', '^src/(index|cli)\\.ts$'] },
    },
    {
      name: 'storage-implements-domain-only',
      severity: 'error',
      from: { path: '^src/storage/' },
      comment: "Storage may find the installation's own files (src/config/installation-files.ts) but gets every setting passed in.",
      to: {
        path: [
          '^src/(channels|server|jobs|app|cli)/',
          '^src/config/(?!installation-files)',
          '^dialogs/',
          '^src/(index|cli)\\.ts$',
          '^node_modules/(botbuilder|restify)',
        ],
      },
    },
    {
      name: 'jobs-run-on-storage-and-domain',
      comment: 'The background jobs get their notifier and policies passed in (composition root): no channel, server or dialog.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: ['^src/(channels|server|config|app|cli)/', '^dialogs/', '^src/(index|cli)\\.ts$', '^node_modules/(botbuilder|restify)'] },
    },
    {
      name: 'composition-root-is-not-imported',
      comment: 'src/app/ and src/cli/ assemble the layers; only the entry points (and each other) use them.',
      severity: 'error',
      from: { pathNot: ['^src/(app|cli)/', '^src/(index|cli)\\.ts$'] },
      to: { path: ['^src/(app|cli)/', '^src/(index|cli)\\.ts$'] },
    },
    {
      name: 'nothing-loose-at-the-root',
      comment: 'src/ holds layer folders and the two entry points only.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/(index|cli)\\.ts$' },
      to: {},
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { pathNot: ['^src/config/', '^node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/storage/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
