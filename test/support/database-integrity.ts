import { Client } from 'pg';
import { pgliteLocation } from '../../src/storage/database';

/** Runs one SQL statement and returns its rows. */
export type Query = <T>(sql: string) => Promise<T[]>;

/**
 * Opens a database directly (no Lotsen, no migrations) for inspection, runs `work`, and closes it:
 * a `pglite:<folder>` URL with PGlite itself (with the amcheck extension), a PostgreSQL URL with pg.
 * Lotsen must not be running on a PGlite folder while this opens it.
 */
export async function inspectDatabase<T>(databaseUrl: string, work: (query: Query) => Promise<T>): Promise<T> {
  const location = pgliteLocation(databaseUrl);
  if (location === undefined) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(async <R>(sql: string) => (await client.query(sql)).rows as R[]);
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { amcheck } = await import('@electric-sql/pglite/contrib/amcheck');
  const pglite = await PGlite.create(location, { extensions: { amcheck } });
  try {
    return await work(async <R>(sql: string) => (await pglite.query<R>(sql)).rows);
  } finally {
    await pglite.close();
  }
}

/**
 * What amcheck finds wrong in the public schema: every B-tree index checked against its table
 * (`bt_index_check` with heapallindexed) and every table's heap (`verify_heapam`), and what was checked.
 */
export async function integrityProblems(query: Query): Promise<{ checked: string[]; problems: string[] }> {
  await query('CREATE EXTENSION IF NOT EXISTS amcheck');
  const problems: string[] = [];
  const checked: string[] = [];
  const indexes = await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
     WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace AND i.indisvalid`,
  );
  for (const { name } of indexes) {
    try {
      await query(`SELECT bt_index_check('public."${name}"'::regclass, true)`);
      checked.push(name);
    } catch (error) {
      problems.push(`index ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const tables = await query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`);
  for (const { name } of tables) {
    const found = await query<{ msg: string }>(`SELECT msg FROM verify_heapam('public."${name}"'::regclass)`);
    problems.push(...found.map((row) => `table ${name}: ${row.msg}`));
    checked.push(name);
  }
  return { checked, problems };
}
