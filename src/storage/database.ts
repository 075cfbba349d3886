import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { lockFolder } from './folder-lock.js';
import { seedFromTemplate, startPglite } from './pglite-cluster.js';
import { PrismaClient } from './generated/client.js';

/** How long a statement may run, and wait for a lock, before PostgreSQL gives up on it. */
export interface DatabaseLimits {
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  /** Told of a connection the database dropped (a failover, pg_terminate_backend): the pool replaces it. */
  readonly onConnectionError?: (error: Error) => void;
}

const DEFAULT_LIMITS: DatabaseLimits = { statementTimeoutMs: 15_000, lockTimeoutMs: 5_000 };
/** How Lotsen's connections show in pg_stat_activity. */
export const APPLICATION_NAME = 'lotsen';

/** An open database: the Prisma client for repositories and a pg pool for migrations and checks. */
export interface Database {
  readonly kind: 'pglite' | 'postgresql';
  readonly prisma: PrismaClient;
  readonly pool: Pool;
  /** True when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

const PGLITE_PREFIX = 'pglite:';

/** The folder of a `pglite:<folder>` URL, or `memory://` for a throwaway in-memory database. */
export function pgliteLocation(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith(PGLITE_PREFIX)) return undefined;
  const location = databaseUrl.slice(PGLITE_PREFIX.length);
  return location.startsWith('memory://') ? location : path.resolve(location);
}

/**
 * Opens `DATABASE_URL`: `pglite:<folder>` starts PGlite in-process behind a loopback socket so
 * Prisma talks to it with the same `pg` driver as to a PostgreSQL server in production.
 */
export async function openDatabase(databaseUrl: string, limits: DatabaseLimits = DEFAULT_LIMITS): Promise<Database> {
  // A locked table or a stuck statement must not hang turns for ever: PostgreSQL ends them.
  const settings = { statement_timeout: limits.statementTimeoutMs, lock_timeout: limits.lockTimeoutMs, application_name: APPLICATION_NAME };
  const location = pgliteLocation(databaseUrl);
  if (location === undefined) return fromPool('postgresql', new Pool({ connectionString: databaseUrl, max: 10, ...settings }), limits, async () => {});

  let unlock = () => {};
  if (!location.startsWith('memory://')) {
    mkdirSync(location, { recursive: true });
    unlock = lockFolder(location);
    seedFromTemplate(location);
  }
  const pglite = await startPglite(location).catch((error: unknown) => {
    unlock();
    throw error;
  });
  // PGlite is one backend: its socket server queues statements and keeps each transaction on
  // its own connection, so a few connections are safe; one pool connection keeps it simple.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const pool = new Pool({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1, ...settings });
  // PGlite's socket server does not take settings from the connection's start: say them once connected.
  pool.on('connect', (client) => {
    client
      .query(`SET statement_timeout = ${limits.statementTimeoutMs}; SET lock_timeout = ${limits.lockTimeoutMs}; SET application_name = '${APPLICATION_NAME}'`)
      .catch(() => undefined);
  });
  return fromPool('pglite', pool, limits, async () => {
    await server.stop();
    await pglite.close();
    unlock();
  });
}

function fromPool(kind: Database['kind'], pool: Pool, limits: DatabaseLimits, closeBackend: () => Promise<void>): Database {
  // A dropped server connection must never end the process. An idle client's error reaches the
  // pool; a client checked out (a transaction, a job holding an advisory lock) emits on itself,
  // and an error event nobody listens to is fatal in Node: every client gets a listener.
  const dropped = (error: Error) => limits.onConnectionError?.(error);
  pool.on('error', dropped);
  pool.on('connect', (client) => client.on('error', dropped));
  // Transactions queue for the connection under bursts (PGlite has exactly one): wait, don't fail.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
  let closed = false;
  return {
    kind,
    prisma,
    pool,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([pool.query('SELECT 1').then(() => true), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
      await closeBackend();
    },
  };
}
