#!/usr/bin/env node
import type { AddressInfo } from 'node:net';
import { createApp } from './app/create-app.js';
import { createLogger } from './app/logger.js';
import { startTracing } from './app/tracing.js';
import { ConfigError, isDevelopmentMode, loadConfig, loadEnvironmentFile } from './config/index.js';

/** Starts Lotsen: listens on PORT and shuts down gracefully on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  loadEnvironmentFile();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 78; // EX_CONFIG
    return;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const tracing = await startTracing(config);
  const app = await createApp(config, logger);
  await new Promise<void>((resolve) => (config.HOST ? app.server.listen(config.PORT, config.HOST, resolve) : app.server.listen(config.PORT, resolve)));
  const address = app.server.address() as AddressInfo;
  logger.info(
    { port: address.port, host: address.address, database: app.database.kind, authentication: config.MicrosoftAppId ? 'bot-framework' : 'development' },
    'Lotsen is listening',
  );
  // The default without NODE_ENV, so that `npm start` works on a laptop: never a silent one.
  if (isDevelopmentMode(config)) {
    logger.warn(
      { mode: 'development' },
      'DEVELOPMENT MODE: Bot Framework authentication is OFF, anyone who reaches this port can post as any channel and user. Never expose it to the internet: set NODE_ENV=production and MicrosoftAppId (README, "Production").',
    );
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainSeconds: config.SHUTDOWN_DRAIN_SECONDS }, 'shutting down');
    app
      .stop(10_000, config.SHUTDOWN_DRAIN_SECONDS * 1000)
      .then(() => tracing?.shutdown())
      .then(
        () => logger.info('stopped'),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Lotsen could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
