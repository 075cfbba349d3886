// Starting and stopping the servers under test as child processes: the load generator runs in the
// orchestrator's process, so the server's CPU time, memory and event loop are its own, measured as
// they would be in production (`npm start` runs the same dist/src/index.js).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/* global fetch */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOTSEN_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
/** Node's flags from `npm start` (the heap limit), so the service runs here as it runs in production. */
const START_FLAGS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  .scripts.start.split(' ')
  .filter((word) => word.startsWith('--'));
const ECHO_ENTRY = path.join(ROOT, 'bench', 'echo-bot.mjs');
const LEAN_DIALOG_ENTRY = path.join(ROOT, 'bench', 'lean-dialog-bot.mjs');

/** Every child still running, so an error or Ctrl-C anywhere still stops them all. */
const running = new Set();

/** A free loopback port, chosen here so readiness can be polled before the child says anything. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB, from the kernel (VmRSS), as `ps` and container limits see it. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

// Clock ticks per second of /proc/<pid>/stat's CPU times (100 on nearly every Linux; asked, not assumed).
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) a process has used so far. Per turn, it is the number that other
 * work on a shared machine disturbs least: a busy neighbour lowers turns/s but not CPU per turn.
 */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * Starts Lotsen's built service on `databaseUrl` and resolves once GET /readyz answers 200.
 * Only the variables set here reach it, so nothing from the caller's shell (a MicrosoftAppId,
 * another DATABASE_URL) changes what is measured: development mode, no authentication.
 */
export async function startLotsen({ databaseUrl, logLevel = 'warn', extraEnv = {}, readyTimeoutMs = 60_000, nodeFlags = [] }) {
  if (!existsSync(LOTSEN_ENTRY)) throw new Error(`${path.relative(ROOT, LOTSEN_ENTRY)} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: logLevel,
    // No outbox, escalation or retention timers competing with the turns being measured.
    BACKGROUND_JOBS: 'off',
    NODE_ENV: 'development',
    ...extraEnv,
  };
  return startChild('lotsen', [...START_FLAGS, ...nodeFlags, LOTSEN_ENTRY], env, port, readyTimeoutMs);
}

/** Starts the baseline echo bot (bench/echo-bot.mjs); with `databaseUrl` it keeps its state there. */
export async function startEchoBot({ databaseUrl } = {}) {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  return startChild('echo-bot', [ECHO_ENTRY], env, port, 20_000);
}

/** Starts the lean dialog bot (bench/lean-dialog-bot.mjs) with its state in `databaseUrl` (migrated by Lotsen). */
export async function startLeanDialogBot({ databaseUrl, nodeFlags = [] }) {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATABASE_URL: databaseUrl };
  return startChild('lean-dialog-bot', [...nodeFlags, LEAN_DIALOG_ENTRY], env, port, 20_000);
}

async function startChild(name, args, env, port, readyTimeoutMs) {
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep the tail of what it prints: it is drained (a full pipe would block the server's logger)
  // and shown if the start fails.
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    running.delete(server);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const server = {
    name,
    pid: child.pid,
    baseUrl,
    output: () => output,
    rssMb: () => rssMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    /** SIGTERM (Lotsen drains running turns), then SIGKILL if it has not ended in 10 s. */
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const ended = await Promise.race([exited, sleep(10_000).then(() => undefined)]);
      if (!ended) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.add(server);

  // Readiness is polled rather than read from the log, so LOG_LEVEL can stay at warn.
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited) throw new Error(`${name} exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${name} was not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(10);
  }
  server.readyMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6;
  return server;
}

/** Stops every child still running (also used on errors and signals). */
export async function stopAll() {
  await Promise.all([...running].map((server) => server.stop().catch(() => undefined)));
}

/**
 * Samples a child's RSS every `everyMs` while load runs, for the peak: the value at the end of
 * the load alone can miss a spike that the garbage collector has already given back.
 */
export function sampleRss(server, everyMs = 250) {
  let peak = 0;
  const take = () => {
    try {
      peak = Math.max(peak, server.rssMb());
    } catch {
      // The process has ended; the last peak stands.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
