import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { lockFolder } from './folder-lock.js';
import { seedFromTemplate, startPglite } from './pglite-cluster.js';
import { PrismaClient } from './generated/client.js';

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
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const location = pgliteLocation(databaseUrl);
  if (location === undefined) return fromPool('postgresql', new Pool({ connectionString: databaseUrl, max: 10 }), async () => {});

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
  const pool = new Pool({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1 });
  return fromPool('pglite', pool, async () => {
    await server.stop();
    await pglite.close();
    unlock();
  });
}

function fromPool(kind: Database['kind'], pool: Pool, closeBackend: () => Promise<void>): Database {
  // A dropped server connection must not crash the process; the pool replaces the client.
  pool.on('error', () => {});
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
