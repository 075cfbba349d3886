// Time to ready: from spawning `node dist/src/index.js` on a fresh, empty PGlite folder (so the
// embedded database is created and every migration applied, as on a first `npm start`) until
// GET /readyz answers 200. Three starts, the median reported: one slow start on a busy machine
// should not decide the target.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLotsen } from './servers.mjs';
import { median, round } from './stats.mjs';

export async function measureStartup({ runs = 3 } = {}) {
  const readyMs = [];
  const idleMb = [];
  for (let i = 0; i < runs; i++) {
    const folder = await mkdtemp(path.join(tmpdir(), 'lotsen-bench-startup-'));
    try {
      const server = await startLotsen({ databaseUrl: `pglite:${path.join(folder, 'db')}` });
      readyMs.push(server.readyMs);
      idleMb.push(server.rssMb());
      await server.stop();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  return { readyMs: round(median(readyMs), 0), runsMs: readyMs.map((ms) => round(ms, 0)), rssAtReadyMb: idleMb.map((mb) => round(mb, 0)) };
}
