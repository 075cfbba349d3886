import { randomBytes, randomUUID } from 'node:crypto';
import { ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { sayKey, type ConversationProfile } from '../dialogs/dialog-deps.js';
import { MainDialog } from '../dialogs/main-dialog.js';
import { createBotFrameworkAdapter, turnErrorHandler } from './channels/bot-framework.js';
import { DirectLineAdapter } from './channels/directline/directline-adapter.js';
import { DirectLineService } from './channels/directline/directline-service.js';
import { TokenSigner } from './channels/directline/tokens.js';
import { PrismaTranscriptStore } from './storage/transcript-store.js';
import { LotsenBot, PROFILE_PROPERTY } from './channels/lotsen-bot.js';
import { isDevelopmentMode, type Config } from './config/index.js';
import { instanceOf } from './domain/catalog/schema.js';
import { loadCatalogFile } from './storage/catalog-file.js';
import { loadLanguageFiles } from './storage/language-files.js';
import { loadRouter } from './storage/router-model-file.js';
import { openDatabase, type Database } from './storage/database.js';
import { applyMigrations } from './storage/migrations.js';
import { BotStateStorage } from './storage/bot-state-storage.js';
import { PrismaHandoffRepository } from './storage/handoff-repository.js';
import { hasCode } from './domain/errors.js';
import { LoggingNotifier } from './channels/logging-notifier.js';
import { TeamsNotifier } from './channels/teams/teams-notifier.js';
import { TeamsStaffHandler } from './channels/teams/teams-staff.js';
import { deadlinesFor } from './domain/handoff/deadlines.js';
import { PrismaTeamsLinkRepository } from './storage/teams-link-repository.js';
import { OutboxWorker } from './storage/outbox-worker.js';
import { handUndeliverable, UNDELIVERABLE_MAIL } from './storage/undeliverable.js';
import { MailNotifier } from './channels/mail/mail-notifier.js';
import { smtpSender } from './channels/mail/smtp.js';
import { NotifierByKind } from './channels/notifier-by-kind.js';
import { escalateOverdue } from './storage/escalation.js';
import { applyRetention } from './storage/retention.js';
import { handoffStatistics } from './storage/statistics.js';
import { Scheduler, whileHolding } from './storage/scheduler.js';

/** Advisory lock keys of the jobs one instance at a time runs. */
const LOCKS = { escalation: 7_301_001, retention: 7_301_002 } as const;
/** Platforms retry a webhook for hours; a week of delivery ids is plenty to recognise repeats. */
const WEBHOOK_DELIVERY_DAYS = 7;
import { createServer, type LotsenServer } from './server/create-server.js';
import { MessagingAdapter } from './channels/bottender/messaging-adapter.js';
import { MessagingWebhooks } from './channels/bottender/messaging-webhooks.js';
import { NumberedChoices } from './channels/bottender/numbered-choices.js';
import { messagingPlatforms } from './messaging-platforms.js';
import { PrismaWebhookDeliveries } from './storage/webhook-deliveries.js';
import { loadStaffAccess, staffAuthenticator, staffTenantOf } from './staff-authentication.js';
import { mayLinkChannel, staffMemberOf, type StaffAccess } from './domain/staff/staff-access.js';
import { PrismaAuditLog } from './storage/audit-log.js';

/**
 * Who may link a Teams channel to an instance: with a tenant configured, staff mapped to the
 * instance (or admins) in the staff access file; without one only in development mode, where
 * nothing is authenticated anyway; in production without a tenant, nobody.
 */
function teamsLinking(config: Config, access: StaffAccess, tenantId: string | undefined, logger: Logger): (aadObjectId: string | undefined, instanceId: string) => boolean {
  if (tenantId) return (aadObjectId, instanceId) => aadObjectId !== undefined && mayLinkChannel(access, aadObjectId, instanceId);
  if (isDevelopmentMode(config)) {
    logger.warn('development mode: anyone may link a Teams channel to an instance (set MicrosoftAppTenantId or ENTRA_TENANT_ID and STAFF_ACCESS_PATH to check who)');
    return () => true;
  }
  logger.warn('no tenant configured: nobody can link a Teams channel (set MicrosoftAppTenantId or ENTRA_TENANT_ID and STAFF_ACCESS_PATH)');
  return () => false;
}

export interface App extends LotsenServer {
  readonly database: Database;
  /** Stops taking requests, lets running turns finish, then closes the database. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The composition root without the process around it: config → catalog → database → bot →
 * server. `src/index.ts` listens and handles signals; tests build the same app on port 0.
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const loaded = loadCatalogFile(config.CATALOG_PATH);
  // Messaging apps cannot follow a link relative to our page: the privacy notice's address is made absolute.
  const catalog = config.PUBLIC_BASE_URL ? { ...loaded, privacy: { ...loaded.privacy, noticeUrl: new URL(loaded.privacy.noticeUrl, config.PUBLIC_BASE_URL).toString() } } : loaded;
  const staffAccess = loadStaffAccess(config, catalog);
  const authenticateStaff = staffAuthenticator(config, staffAccess, logger);
  const staffTenant = staffTenantOf(config);
  const database = await openDatabase(config.DATABASE_URL, {
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
  });
  try {
    const applied = await applyMigrations(database.pool);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await database.close();
    throw error;
  }

  const storage = new BotStateStorage(database.pool);
  const conversationState = new ConversationState(storage);
  const routing = loadRouter(loaded, loadLanguageFiles());
  if (routing.trained) logger.info('router trained at start: the catalog or a language file differs from the build');
  const { router } = routing;
  const handoffRepository = new PrismaHandoffRepository(database.prisma);
  const clock = () => new Date();
  const profile = conversationState.createProperty<ConversationProfile>(PROFILE_PROPERTY);
  const transcript = new PrismaTranscriptStore(database.prisma);
  const dialogs = new MainDialog({
    catalog,
    router,
    profile,
    handoffs: handoffRepository,
    clock,
    newId: randomUUID,
    // Erasure covers everything kept about the conversation: its state and its web chat transcript.
    forgetConversation: async (context) => {
      await conversationState.delete(context);
      await transcript.forget(context.activity.conversation.id, context.activity.id);
    },
    reportError: (error, context) =>
      logger.error({ err: error, conversationId: context.activity.conversation?.id, activityId: context.activity.id }, 'dialog step failed'),
  });
  const links = new PrismaTeamsLinkRepository(database.prisma);
  const staff = new TeamsStaffHandler({
    links,
    handoffs: handoffRepository,
    catalog,
    clock,
    deadlinesFor: (instanceId, at) => deadlinesFor(catalog, instanceId, at),
    ...(staffTenant ? { tenantId: staffTenant } : {}),
    mayLink: teamsLinking(config, staffAccess, staffTenant, logger),
    // Teams tells who someone is, not their groups or app roles: only user mappings count here.
    instancesOfStaff: (aadObjectId) => {
      if (!staffTenant) return isDevelopmentMode(config) ? 'all' : [];
      return aadObjectId ? staffMemberOf({ id: aadObjectId, name: '', groups: [], roles: [] }, staffAccess).instances : [];
    },
    audit: new PrismaAuditLog(database.prisma),
  });
  const bot = new LotsenBot(conversationState, dialogs, staff);
  // The database may be what failed, so the language comes from the activity, not from saved state.
  const turnErrors = { logger, conversationState, turnErrorText: (context: TurnContext) => sayKey(catalog, 'turnError', context.activity.locale?.startsWith('en') ? 'en' : 'sv') };
  const adapter = createBotFrameworkAdapter(
    { appId: config.MicrosoftAppId, appPassword: config.MicrosoftAppPassword, appType: config.MicrosoftAppType, tenantId: config.MicrosoftAppTenantId },
    turnErrors,
  );
  if (!config.DIRECTLINE_SECRET) logger.warn('DIRECTLINE_SECRET is not set: web chat tokens are signed with a random secret and only this instance accepts them');
  const directLine = new DirectLineService({
    signer: new TokenSigner(config.DIRECTLINE_SECRET ?? randomBytes(32).toString('hex')),
    transcript,
    adapter: new DirectLineAdapter(transcript, turnErrorHandler(turnErrors), clock),
    runTurn: (context) => bot.run(context),
    now: clock,
  });
  const webhookDeliveries = new PrismaWebhookDeliveries(database.prisma);
  const platforms = messagingPlatforms(config);
  if (platforms.length > 0) logger.info({ platforms: platforms.map((platform) => platform.id) }, 'messaging apps on');
  const webhooks = new MessagingWebhooks(platforms, new MessagingAdapter(new NumberedChoices(storage), turnErrorHandler(turnErrors), clock), webhookDeliveries, (context) => bot.run(context));
  const sendMail = config.SMTP_URL && config.MAIL_FROM ? smtpSender(config.SMTP_URL, config.MAIL_FROM) : undefined;
  const notifier = new NotifierByKind(
    { [UNDELIVERABLE_MAIL]: new MailNotifier(sendMail, handoffRepository, catalog) },
    config.NOTIFIER === 'teams' ? new TeamsNotifier(adapter, config.MicrosoftAppId ?? '', links, handoffRepository, catalog) : new LoggingNotifier(logger),
  );
  const fallbackOf = (instanceId: string) => instanceOf(catalog, instanceId)?.fallback ?? catalog.contactCentre;
  const undeliverableRoutes = { fallbackOf, hasMailbox: (instanceId: string) => sendMail !== undefined && instanceOf(catalog, instanceId)?.mailbox !== undefined };
  if (!sendMail && config.NODE_ENV === 'production' && catalog.instances.some((instance) => instance.mailbox)) logger.warn('instances have a shared mailbox but SMTP_URL is not set: they are not e-mailed when Teams cannot be reached');
  const outbox = new OutboxWorker(
    database.prisma,
    notifier,
    clock,
    {},
    async (job, transaction) => {
      if (job.kind !== 'handoff.registered') return;
      await handoffRepository.apply(job.handoffId, { action: { type: 'notify', by: 'system' }, at: clock() }, transaction).catch((error: unknown) => {
        // Claimed (or changed) before the notification was recorded: nothing to mark. Thrown
        // before any failing statement, so the transaction that records the delivery stands.
        if (!hasCode(error, 'HANDOFF.ILLEGAL_TRANSITION', 'HANDOFF.CHANGED')) throw error;
      });
    },
    async (job, reason, transaction) => {
      const fallback = await handUndeliverable(transaction, job, reason, undeliverableRoutes, clock());
      logger.error({ handoffId: job.handoffId, jobId: job.id, kind: job.kind, target: job.target, reason, fallback: fallback ?? null }, 'staff could not be notified of a handoff: given up; see `lotsen outbox retry`');
    },
  );
  // PGlite is one process (its folder is locked), so no lock is needed; a one-connection pool
  // could not hold an advisory lock and do the work at once anyway.
  const exclusively = <T>(key: number, work: () => Promise<T>) => (database.kind === 'pglite' ? work() : whileHolding(database.pool, key, work));
  const scheduler = new Scheduler(
    exclusively,
    [
      { name: 'outbox', everyMs: 2_000, run: () => outbox.runOnce() },
      { name: 'escalation', everyMs: 60_000, lockKey: LOCKS.escalation, run: () => escalateOverdue(database.prisma, { fallbackOf }, clock()) },
      {
        name: 'retention',
        everyMs: 6 * 3_600_000,
        lockKey: LOCKS.retention,
        run: async () => {
          await applyRetention(database.prisma, handoffRepository, { handoffDays: catalog.privacy.retentionDays, conversationDays: config.CONVERSATION_RETENTION_DAYS }, clock());
          await transcript.deleteOlderThan(new Date(clock().getTime() - config.DIRECTLINE_TRANSCRIPT_HOURS * 3_600_000));
          await webhookDeliveries.deleteOlderThan(new Date(clock().getTime() - WEBHOOK_DELIVERY_DAYS * 86_400_000));
        },
      },
    ],
    (job, error) => logger.error({ job, err: error }, 'background job failed'),
  );
  if (config.BACKGROUND_JOBS === 'on') scheduler.start();
  const http = createServer({ adapter, bot, isReady: () => database.ping(), logger, maxBodyBytes: config.MAX_BODY_BYTES, authenticationEnabled: !isDevelopmentMode(config),
    staff: {
      handoffs: handoffRepository,
      statistics: (range) => handoffStatistics(database.prisma, range, clock()),
      authenticate: authenticateStaff,
    },
    staffTab: { catalog, developmentLogin: isDevelopmentMode(config) && config.STAFF_DEV_TOKEN !== undefined },
    directLine,
    webhooks,
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustedProxies: config.TRUST_PROXY,
  });

  return {
    ...http,
    database,
    async stop(graceMs = 10_000) {
      await stopServer(http, graceMs);
      await scheduler.stop();
      await database.close();
    },
  };
}

async function stopServer({ server, inFlight }: LotsenServer, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.server.closeIdleConnections();
  const deadline = Date.now() + graceMs;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  server.server.closeAllConnections();
  await closed;
}
