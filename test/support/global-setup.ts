import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Says loudly what will not run (CI must run everything: there a missing PostgreSQL is an error),
 * and prepares one empty PGlite cluster that test databases copy: a copy takes a tenth of the
 * time of PGlite's initdb.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const message = 'TEST_DATABASE_URL is not set: database tests run on PGlite only, NOT on PostgreSQL.';
    if (process.env.CI) throw new Error(`${message} CI must run them on both (see .ci/run).`);
    process.stderr.write(`\n\u001b[33m⚠ ${message}\u001b[0m\n\n`);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const template = path.join(mkdtempSync(path.join(tmpdir(), 'lotsen-pglite-template-')), 'cluster');
  const cluster = await PGlite.create(template);
  await cluster.close();
  // Workers start after this and inherit the environment.
  process.env.LOTSEN_TEST_PGLITE_TEMPLATE = template;
}
