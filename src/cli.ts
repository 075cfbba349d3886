#!/usr/bin/env node
import { ConfigError, loadConfig, loadEnvironmentFile } from './config/index.js';
import { catalogReport } from './cli/catalog.js';
import { migrate, outbox } from './cli/database.js';
import { buildAppPackage } from './cli/manifest.js';
import { loadManifestSettings } from './config/manifest-settings.js';
import { classify, evalRouting } from './cli/routing.js';
import { main as serve } from './index.js';

const USAGE = `Usage: lotsen <command>

Commands:
  start     start the service (same as npm start)
  migrate   apply pending database migrations to DATABASE_URL and exit
  classify  route messages: one per line on stdin, one {"route","confidence"} per line on stdout
  catalog report [language]
            per language: texts reviewed, machine-made and missing (with a language: which)
  manifest  write the Teams app package to build/appPackage/ (needs MicrosoftAppId, PUBLIC_BASE_URL)
  outbox retry [handoff id or reference]
            put the staff notifications that were given up back in the queue (all, or one handoff's)
  eval-routing [file.jsonl] [--folds N]
            accuracy, per-route precision/recall, confusion and misrouted messages for a
            labelled file (default ../shared/eval/routing-dev.jsonl)
`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  start: serve,
  migrate: () => migrate(loadConfig(), process.stdout),
  outbox: (args) => outbox(loadConfig(), args, process.stdout),
  classify: () => classify(loadConfig(), process.stdin, process.stdout),
  'eval-routing': (args) => evalRouting(loadConfig(), args, process.stdout),
  catalog: (args) => {
    if (args[0] !== 'report') throw new Error('Usage: lotsen catalog report [language]');
    return catalogReport(loadConfig(), args.slice(1), process.stdout);
  },
  manifest: async () => {
    for (const file of buildAppPackage(loadManifestSettings())) process.stdout.write(`${file}\n`);
  },
};

async function run(argv: string[]): Promise<void> {
  loadEnvironmentFile();
  const command = commands[argv[0] ?? ''];
  if (!command) {
    process.stderr.write(USAGE);
    process.exitCode = argv[0] === undefined || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
    return;
  }
  await command(argv.slice(1));
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? '' : 'lotsen: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
