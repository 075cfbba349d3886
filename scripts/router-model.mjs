#!/usr/bin/env node
// Makes dist/router-model.bin: the router trained on the bundled catalog and language files,
// loaded at start instead of training there (src/storage/router-model-file.ts). A catalog or
// language file changed later has another fingerprint, and Lotsen then trains at start.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const require = createRequire(import.meta.url);
const { loadCatalogFile } = require(path.join(dist, 'src', 'storage', 'catalog-file.js'));
const { loadLanguageFiles } = require(path.join(dist, 'src', 'storage', 'language-files.js'));
const { routerFingerprint, writeRouterModel } = require(path.join(dist, 'src', 'storage', 'router-model-file.js'));
const { Router } = require(path.join(dist, 'src', 'domain', 'routing', 'router.js'));

const started = performance.now();
const catalog = loadCatalogFile();
const languages = loadLanguageFiles();
const router = Router.fromCatalog(catalog, languages);
writeRouterModel(path.join(dist, 'router-model.bin'), router.toModel(), routerFingerprint(catalog, languages));
process.stdout.write(`router model: dist/router-model.bin (${Math.round(performance.now() - started)} ms)\n`);
