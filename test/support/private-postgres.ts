import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of one test's own, in a temporary folder on a free port, which the test
 * may stop and start at will (the shared server of TEST_DATABASE_URL must never be stopped: other
 * test files use it at the same time). initdb and postgres refuse to run as root, so as root they
 * run as the `postgres` OS user.
 */
export interface PrivatePostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** Whether the server was started and not stopped since (by this object). */
  readonly running: boolean;
  /** Starts the server (again) on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `immediate` is a crash (no checkpoint, clients cut off); `fast` a clean stop that cuts off clients. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  restart(): Promise<void>;
  /** The server's log so far (for failure messages). */
  log(): string;
  /** Stops the server if it runs and removes the folder. */
  dispose(): Promise<void>;
}

/** The newest Debian PostgreSQL binaries folder holding initdb and pg_ctl, if any. */
export function findPostgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (process.env.POSTGRES_BIN_DIR) return existsSync(path.join(process.env.POSTGRES_BIN_DIR, 'pg_ctl')) ? process.env.POSTGRES_BIN_DIR : undefined;
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')) && existsSync(path.join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((candidate) => existsSync(candidate));

/** The `postgres` OS user's uid and gid, when running as root (it owns the cluster). */
function postgresUser(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why a private cluster cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!findPostgresBinaries())
    return 'the PostgreSQL server binaries (initdb, pg_ctl) are missing under /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  if (isRoot() && !RUNUSER) return 'running as root, and runuser is missing to run PostgreSQL as the postgres user';
  if (isRoot() && !postgresUser()) return 'running as root, and there is no postgres OS user to run PostgreSQL as';
  return undefined;
}

/** Fault tests with a private cluster must run in CI; elsewhere a missing PostgreSQL is said loudly, then skipped. */
export function requirePrivatePostgres(): boolean {
  const problem = privatePostgresUnavailable();
  if (!problem) return true;
  if (process.env.CI) throw new Error(`A private PostgreSQL cluster cannot start: ${problem}. CI must run the fault tests.`);
  process.stderr.write(`\n\u001b[33m⚠ A private PostgreSQL cluster cannot start: ${problem}. The PostgreSQL fault tests do NOT run.\u001b[0m\n`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb's a fresh cluster in a temporary folder and starts it on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBinaries();
  const problem = privatePostgresUnavailable();
  if (!bin || problem) throw new Error(`A private PostgreSQL cluster cannot start: ${problem ?? 'no binaries'}`);
  // As root the cluster belongs to postgres, who must reach the folder: /tmp, not root's TMPDIR.
  const folder = mkdtempSync(path.join(isRoot() ? '/tmp' : tmpdir(), 'lotsen-private-pg-'));
  const data = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  const owner = isRoot() ? postgresUser() : undefined;
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const asOwner = (command: string, args: string[]) =>
    owner ? run(RUNUSER!, ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args);

  await asOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // No fsync: the tests crash the server, not the machine, so the OS still has every write. Commits
  // stay synchronous: a commit the server acknowledged must survive an immediate stop.
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let running = false;

  const start = async () => {
    await asOwner('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async (mode: 'immediate' | 'fast' = 'fast') => {
    await asOwner('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    get running() {
      return running;
    },
    start,
    stop,
    restart: async () => {
      if (running) await stop('fast');
      await start();
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    dispose: async () => {
      if (running) await stop('immediate').catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
