#!/usr/bin/env node
// Copies the browser bundles Lotsen serves (no CDN) into dist/vendor at build time: the Web Chat
// bundle for the resident's page, the Teams SDK and Chart.js for the staff tab. The running
// service reads them from there, so these packages (and Web Chat's React, speech SDK and the
// rest, hundreds of megabytes) are build dependencies, not part of a production install.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const vendor = path.join(root, 'dist', 'vendor');

/** Each served file: its name in dist/vendor, its package, and the file in the package. */
const BUNDLES = [
  ['webchat.js', 'botframework-webchat', 'dist/webchat.js'],
  ['teams-js.js', '@microsoft/teams-js', 'dist/umd/MicrosoftTeams.min.js'],
  ['chart.js', 'chart.js', 'dist/chart.umd.min.js'],
];

mkdirSync(vendor, { recursive: true });
for (const [name, pkg, file] of BUNDLES) {
  const home = path.join(root, 'node_modules', pkg);
  copyFileSync(path.join(home, file), path.join(vendor, name));
  // Each bundle's licence travels with it, where the package ships one.
  const licence = readdirSync(home).find((entry) => /^licen[cs]e/i.test(entry));
  if (licence) copyFileSync(path.join(home, licence), path.join(vendor, `${name}.LICENSE`));
}
