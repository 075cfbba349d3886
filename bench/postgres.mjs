// A database of its own on the local PostgreSQL server for each run, created before and dropped
// after, so the bench never touches another database and each run starts from an empty schema
// (Lotsen migrates it on start).
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const withAdmin = async (work) => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Creates a fresh database; resolves with its URL, or rejects when the server does not answer. */
export async function createBenchDatabase() {
  const name = `lotsen_bench_${process.pid}_${Date.now().toString(36)}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops it, also while something is still connected (the server was killed, say). */
export async function dropBenchDatabase(name) {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
