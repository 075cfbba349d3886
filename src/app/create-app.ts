import type { Logger } from 'pino';
import { isDevelopmentMode, type Config } from '../config/index.js';
import type { Catalog } from '../domain/catalog/schema.js';
import { createServer, type LotsenServer } from '../server/create-server.js';
import { loadCatalogFile } from '../storage/catalog-file.js';
import type { Database } from '../storage/database.js';
import { PrismaHandoffRepository } from '../storage/handoff-repository.js';
import { handoffStatistics } from '../storage/statistics.js';
import { messagingPlatforms } from './messaging-platforms.js';
import { createVolunteerSide } from './volunteers.js';
import { createMetrics } from './metrics.js';
import { AUDIT_RETENTION_DAYS } from '../jobs/retention.js';
import { createBackgroundJobs, RETENTION_EVERY_HOURS } from './background-jobs.js';
import { createChannels } from './channels.js';
import { createConversation } from './conversation.js';
import { openActivityFeed, openMigratedDatabase } from './database.js';
import { stopServer } from './shutdown.js';
import { createStaff } from './staff.js';

export interface App extends LotsenServer {
  readonly database: Database;
  /**
   * Says it is not ready (503 on /readyz) but goes on serving for `drainMs`, so a load balancer
   * moves new requests elsewhere; then stops taking requests, lets running turns finish (at most
   * `graceMs`), stops the background jobs and closes the database.
   */
  stop(graceMs?: number, drainMs?: number): Promise<void>;
}

/**
 * The composition root without the process around it: config → catalog → database → staff →
 * conversation → channels → background jobs → server. `src/index.ts` listens and handles
 * signals; tests build the same app on port 0. Each part is built in its own file here.
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const catalog = loadCatalog(config);
  if (!catalog.privacy.notice.confirmed)
    logger.warn('the privacy notice is a draft: have the data protection officer confirm privacy.notice in the catalog, then set confirmed: true');
  const database = await openMigratedDatabase(config, logger);
  const activityFeed = await openActivityFeed(config, database, logger);
  /** Set on shutdown: readiness fails at once, so a load balancer stops sending requests here. */
  let draining = false;
  const clock = () => new Date();
  // The streams are counted at each scrape, by which time the server below holds them.
  const metrics = createMetrics(database, clock, () => http.streams.open());
  const handoffs = new PrismaHandoffRepository(database.prisma);
  const platforms = messagingPlatforms(config);
  const volunteers = createVolunteerSide({ config, catalog, database, platforms, clock, logger });
  const staff = createStaff({ config, catalog, database, handoffs, clock, logger });
  const conversation = createConversation({
    catalog,
    database,
    activityFeed,
    handoffs,
    staff: staff.teams,
    clock,
    logger,
    ...(volunteers ? { volunteers: volunteers.conversation } : {}),
  });
  const channels = createChannels(config, platforms, conversation, database, clock, logger);
  const jobs = createBackgroundJobs({
    config,
    catalog,
    database,
    handoffs,
    links: staff.links,
    adapter: channels.adapter,
    transcript: conversation.transcript,
    webhookDeliveries: channels.webhookDeliveries,
    ...(volunteers ? { volunteers: { register: volunteers.register, notifiers: volunteers.notifiers } } : {}),
    clock,
    logger,
  });
  if (config.BACKGROUND_JOBS === 'on') jobs.start();

  const http = createServer({
    adapter: channels.adapter,
    bot: conversation.bot,
    isReady: async () => !draining && (await database.ping()),
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    authenticationEnabled: !isDevelopmentMode(config),
    staff: { handoffs, catalog, clock, statistics: (range) => handoffStatistics(database.prisma, range, clock()), authenticate: staff.authenticate },
    ...(volunteers ? { volunteers: { ...volunteers.api, authenticate: staff.authenticate }, volunteerAnswers: volunteers.answers } : {}),
    staffTab: { catalog, developmentLogin: isDevelopmentMode(config) && config.STAFF_DEV_TOKEN !== undefined },
    directLine: channels.directLine,
    activityFeed,
    webhooks: channels.webhooks,
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustedProxies: config.TRUST_PROXY,
    metrics: { http: metrics.http, scrape: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }) },
    notices: {
      catalog,
      retention: {
        chatHours: config.DIRECTLINE_TRANSCRIPT_HOURS,
        conversationDays: config.CONVERSATION_RETENTION_DAYS,
        handoffDays: catalog.privacy.retentionDays,
        auditDays: AUDIT_RETENTION_DAYS,
        sweepHours: RETENTION_EVERY_HOURS,
      },
      messagingApps: channels.messagingApps,
    },
  });

  return {
    ...http,
    database,
    async stop(graceMs = 10_000, drainMs = 0) {
      draining = true;
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      await stopServer(http, graceMs);
      await jobs.stop();
      await activityFeed.close();
      await database.close();
    },
  };
}

/** The catalog file; messaging apps cannot follow a link relative to our page, so the privacy notice's address is made absolute. */
function loadCatalog(config: Config): Catalog {
  const catalog = loadCatalogFile(config.CATALOG_PATH);
  if (!config.PUBLIC_BASE_URL) return catalog;
  return { ...catalog, privacy: { ...catalog.privacy, noticeUrl: new URL(catalog.privacy.noticeUrl, config.PUBLIC_BASE_URL).toString() } };
}
