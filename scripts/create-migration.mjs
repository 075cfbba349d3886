#!/usr/bin/env node
// Writes the next migration: the SQL from the schema as of the last migration (a snapshot kept
// beside the migrations) to prisma/schema.prisma now. Usage: npm run migration:create -- <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffSchemas } from './schema-engine.mjs';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const schemaPath = path.join(root, 'prisma', 'schema.prisma');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const snapshotPath = path.join(migrationsDir, 'schema.snapshot.prisma');

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('Usage: npm run migration:create -- <name>   (for example: add_handoffs)');
  process.exit(2);
}

const schema = readFileSync(schemaPath, 'utf8');
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
const sql = await diffSchemas(previous, schema);
if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
  console.log('The schema has not changed since the last migration: nothing to write.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
writeFileSync(snapshotPath, schema);
writeFileSync(
  path.join(migrationsDir, 'migration_lock.toml'),
  '# Written by Lotsen\'s migration script; Prisma Migrate reads it too.\nprovider = "postgresql"\n',
);
console.log(`Wrote ${path.relative(root, path.join(dir, 'migration.sql'))}. Review it, then commit it with the schema.`);
