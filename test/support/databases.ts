import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { seedFromTemplate } from '../../src/storage/pglite-cluster';

/** A database of its own for one test file, and how to throw it away. */
export interface TestDatabase {
  readonly url: string;
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  readonly name: 'pglite' | 'postgresql';
  create(): Promise<TestDatabase>;
}

const pglite: DatabaseKind = {
  name: 'pglite',
  async create() {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-pglite-'));
    // The empty cluster global-setup.ts found or made, copied as Lotsen copies its own on a first start.
    const template = process.env.LOTSEN_TEST_PGLITE_TEMPLATE;
    if (template) seedFromTemplate(folder, template);
    return { url: `pglite:${folder}`, dispose: async () => rmSync(folder, { recursive: true, force: true }) };
  },
};

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped afterwards. */
function postgresql(adminUrl: string): DatabaseKind {
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgresql',
    async create() {
      const name = `lotsen_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        dispose: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
      };
    },
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = [pglite, ...(process.env.TEST_DATABASE_URL ? [postgresql(process.env.TEST_DATABASE_URL)] : [])];
