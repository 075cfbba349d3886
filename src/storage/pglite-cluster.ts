import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * An empty PGlite cluster made by `npm run build` (scripts/pglite-template.mjs) beside the
 * compiled code: dist/pglite-template. Running initdb in the serving process costs 1.5–3 s and
 * leaves ~500 MB of WebAssembly memory the process never gets back; copying the cluster takes
 * a few milliseconds.
 */
export const PGLITE_TEMPLATE = path.join(__dirname, '..', '..', 'pglite-template');

/**
 * Postgres's default 128 MB of shared buffers is sized for a server; Lotsen's database is small
 * and PGlite keeps the buffers inside the process (measured: 32 MB cuts resident memory after
 * load by ~120 MB with no loss of turns/s).
 */
const SHARED_BUFFERS = '32MB';

const VERSION_FILE = 'PG_VERSION';

/**
 * Fills an empty folder from the template, if there is one. PG_VERSION is what marks a folder
 * as a cluster, so it is copied last: a copy cut short by a crash is simply redone next start.
 */
export function seedFromTemplate(folder: string, template = PGLITE_TEMPLATE): boolean {
  if (existsSync(path.join(folder, VERSION_FILE)) || !existsSync(path.join(template, VERSION_FILE))) return false;
  for (const entry of readdirSync(template)) {
    if (entry !== VERSION_FILE) cpSync(path.join(template, entry), path.join(folder, entry), { recursive: true });
  }
  cpSync(path.join(template, VERSION_FILE), path.join(folder, VERSION_FILE));
  return true;
}

/** Starts PGlite on a folder (or `memory://`) with Lotsen's settings. */
export function startPglite(location: string): Promise<PGlite> {
  return PGlite.create(location, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`] });
}
