#!/usr/bin/env node
// Makes dist/yaml-cache.json: the YAML files shipped with Lotsen (catalog/ and languages/),
// parsed once here instead of at every start (src/storage/yaml-cache.ts). A file edited later
// has other text, and Lotsen then parses it at start as before.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const { parseYaml } = require(path.join(dist, 'src', 'storage', 'yaml-file.js'));
const { writeYamlCache } = require(path.join(dist, 'src', 'storage', 'yaml-cache.js'));

const yamlFilesUnder = (folder) =>
  readdirSync(folder, { recursive: true })
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => path.join(folder, name));

const files = ['catalog', 'languages'].flatMap((folder) => yamlFilesUnder(path.join(root, folder)));
const parsed = files.flatMap((file) => {
  const source = readFileSync(file, 'utf8');
  const document = parseYaml(source);
  // A file that does not parse is left out: Lotsen reports its error at start, with its line.
  return document.errors.length > 0 ? [] : [{ source, value: document.toJS() }];
});
writeYamlCache(path.join(dist, 'yaml-cache.json'), parsed);
process.stdout.write(`yaml cache: dist/yaml-cache.json (${parsed.length} files)\n`);
