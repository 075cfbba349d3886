#!/usr/bin/env node
// `prisma generate` only needs the schema engine binary to exist, never runs it, and would try
// to download it (impossible offline and in locked-down municipal networks). Pointing it at any
// existing file keeps generation offline; Lotsen migrates with the WASM engine instead.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: path.join(__dirname, '..'), env, stdio: 'inherit' });
process.exit(result.status ?? 1);
