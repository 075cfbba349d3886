#!/usr/bin/env node
// The npm registry reachable from our build machines serves native optional packages for Linux
// only, so `npm install` here leaves e.g. @swc/core-darwin-arm64 out of package-lock.json and
// `npm ci` then refuses the lock file everywhere. This adds the missing entries, with the
// platform read from the package name, so npm skips them on other platforms without fetching
// and installs them where they fit. Run it after `npm install` changes the lock file.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const OSES = new Set(['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix']);
const CPUS = new Set(['arm', 'arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el']);

/** `core-linux-arm-gnueabihf` → { os: ['linux'], cpu: ['arm'], libc: ['glibc'] } */
function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const cpuIndex = tokens.findIndex((token) => CPUS.has(token));
  if (cpuIndex < 0) return undefined;
  const os = tokens[cpuIndex - 1];
  const abi = tokens[cpuIndex + 1] ?? '';
  return {
    ...(OSES.has(os) ? { os: [os] } : {}),
    cpu: [tokens[cpuIndex]],
    ...(os === 'linux' && abi.startsWith('gnu') ? { libc: ['glibc'] } : {}),
    ...(os === 'linux' && abi.startsWith('musl') ? { libc: ['musl'] } : {}),
  };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    const target = lock.packages[`${base}node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
    if (target) continue;
    const platform = platformOf(name);
    if (!platform) throw new Error(`${name} (optional dependency of ${location}) is missing and its platform cannot be read from its name`);
    lock.packages[`node_modules/${name}`] = { version, ...platform, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added > 0 ? `Added ${added} platform-specific optional package(s) to package-lock.json.` : 'package-lock.json already lists every optional package.',
);
