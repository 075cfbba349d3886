import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A cluster made here (not the build's) lives in a temporary folder named so, which global-teardown.ts removes. */
export const MADE_TEMPLATE_PREFIX = 'lotsen-pglite-template-';

/** The empty cluster `npm run build` makes (scripts/pglite-template.mjs). */
const BUILT_TEMPLATE = path.resolve(__dirname, '..', '..', 'dist', 'pglite-template');

/**
 * Says loudly what will not run (CI must run everything: there a missing PostgreSQL is an error),
 * and finds one empty PGlite cluster that test databases copy (a copy takes a tenth of the time
 * of PGlite's initdb): the build's, or one made here when jest runs without a build.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const message = 'TEST_DATABASE_URL is not set: database tests run on PGlite only, NOT on PostgreSQL.';
    if (process.env.CI) throw new Error(`${message} CI must run them on both (see .ci/run).`);
    process.stderr.write(`\n\u001b[33m⚠ ${message}\u001b[0m\n\n`);
  }
  // Workers start after this and inherit the environment.
  process.env.LOTSEN_TEST_PGLITE_TEMPLATE = existsSync(path.join(BUILT_TEMPLATE, 'PG_VERSION')) ? BUILT_TEMPLATE : await makeTemplate();
}

async function makeTemplate(): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite');
  const template = path.join(mkdtempSync(path.join(tmpdir(), MADE_TEMPLATE_PREFIX)), 'cluster');
  const cluster = await PGlite.create(template);
  await cluster.close();
  return template;
}
