// Prisma's schema engine as WASM, for the two jobs that need it: writing the next migration
// (scripts/create-migration.mjs) and the drift test. Node 20 cannot import .wasm as a module,
// so the engine's wasm-bindgen glue is instantiated by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

const require = createRequire(import.meta.url);
let engineReady;

async function loadEngine() {
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
}

/**
 * SQL that takes a database from `fromSchema` (null: empty) to `toSchema`. The engine insists on
 * a connection even for a schema-to-schema diff, so it gets a throwaway in-memory PGlite.
 */
export async function diffSchemas(fromSchema, toSchema) {
  engineReady ??= loadEngine();
  await engineReady;
  const pglite = await PGlite.create('memory://');
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await server.start();
  try {
    return await diffWith(`postgresql://postgres@${server.getServerConn()}/postgres`, fromSchema, toSchema);
  } finally {
    await server.stop();
    await pglite.close();
  }
}

async function diffWith(connectionString, fromSchema, toSchema) {
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString, max: 1 }));
  const engine = await glue.SchemaEngine.new({ datamodels: [['schema.prisma', toSchema]] }, () => {}, adapter);
  const target = (content) => (content === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] });
  const result = await engine.diff({
    from: target(fromSchema),
    to: target(toSchema),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}

// `node scripts/schema-engine.mjs <schema.prisma>` prints the SQL that builds it from nothing.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(await diffSchemas(null, readFileSync(process.argv[2] ?? 'prisma/schema.prisma', 'utf8')));
}
