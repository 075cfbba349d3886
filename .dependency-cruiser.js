// The layer rules of ARCHITECTURE.md: dependencies point one way,
// domain ← dialogs ← channels ← server ← composition root (src/app.ts, src/index.ts, src/cli.ts),
// and storage implements the domain's ports. `npm test` fails on a wrong import.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports itself, zod and pure computation (the Snowball stemmers, franc language detection) only: no botbuilder, no Prisma, no HTTP, no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/zod/', '^node_modules/snowball-stemmers/', '^node_modules/(franc|trigram-utils|n-gram|collapse-white-space)/'] },
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
      to: { path: ['^src/(server|storage|config)/', '^src/(app|index|cli)\\.ts$'] },
    },
    {
      name: 'server-does-not-reach-storage',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: ['^src/storage/', '^dialogs/', '^src/(app|index|cli)\\.ts$'] },
    },
    {
      name: 'storage-implements-domain-only',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: ['^src/(channels|server|config)/', '^dialogs/', '^src/(app|index|cli)\\.ts$', '^node_modules/(botbuilder|restify)'] },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { pathNot: ['^src/config/', '^node_modules/zod/'] },
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
