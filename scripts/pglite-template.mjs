#!/usr/bin/env node
// Makes dist/pglite-template: an empty PGlite cluster that Lotsen copies into an empty data
// folder on first start (src/storage/pglite-cluster.ts), so initdb never runs in the serving
// process. Made at build time from the installed PGlite, so its version always matches.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const template = path.join(dist, 'pglite-template');
const building = `${template}.building`;

rmSync(building, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const cluster = await PGlite.create(building);
await cluster.close();
// Swapped in whole, so a build cut short never leaves half a template behind.
rmSync(template, { recursive: true, force: true });
renameSync(building, template);
