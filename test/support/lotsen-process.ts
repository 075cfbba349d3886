import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const DIST = path.resolve(__dirname, '..', '..', 'dist', 'src');

export interface LotsenProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly baseUrl: string;
  /** Everything the process has written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** Resolves when a log line with this `msg` appears (LOG_LEVEL must let it through). */
  logged(msg: string): Promise<void>;
}

/** Starts the built service (`npm start` runs the same file), from this checkout or another installation, and waits until it listens. */
export async function startLotsenProcess(env: NodeJS.ProcessEnv, installation?: string): Promise<LotsenProcess> {
  const entry = installation ? path.join(installation, 'dist', 'src', 'index.js') : path.join(DIST, 'index.js');
  const child = spawn(process.execPath, ['--max-old-space-size=256', entry], {
    ...(installation ? { cwd: installation } : {}),
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { msg: string; resolve: () => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output += `${line}\n`;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      for (const waiter of waiters.filter((candidate) => candidate.msg === entry.msg)) waiter.resolve();
      if (entry.msg === 'Lotsen is listening' && entry.port) resolve(entry.port);
    });
    void exited.then((code) => reject(new Error(`Lotsen exited with ${code} before listening:\n${output}`)));
  });
  const logged = (msg: string) => new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited, logged };
}

/** Runs the built CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
