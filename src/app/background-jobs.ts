import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { LoggingNotifier } from '../channels/logging-notifier.js';
import { MailNotifier } from '../channels/mail/mail-notifier.js';
import { smtpSender } from '../channels/mail/smtp.js';
import { NotifierByKind } from '../channels/notifier-by-kind.js';
import { TeamsNotifier } from '../channels/teams/teams-notifier.js';
import type { Config } from '../config/index.js';
import { instanceOf, type Catalog } from '../domain/catalog/schema.js';
import { hasCode } from '../domain/errors.js';
import { CARDS_CHANGED, type Notifier } from '../domain/notifications.js';
import { escalateOverdue } from '../jobs/escalation.js';
import { OutboxWorker } from '../jobs/outbox-worker.js';
import { applyRetention } from '../jobs/retention.js';
import { Scheduler, whileHolding } from '../jobs/scheduler.js';
import { handUndeliverable, UNDELIVERABLE_MAIL } from '../jobs/undeliverable.js';
import type { Database } from '../storage/database.js';
import type { PrismaHandoffRepository } from '../storage/handoff-repository.js';
import type { PrismaTeamsLinkRepository } from '../storage/teams-link-repository.js';
import type { PrismaTranscriptStore } from '../storage/transcript-store.js';
import type { PrismaWebhookDeliveries } from '../storage/webhook-deliveries.js';
import type { PrismaVolunteerRegister } from '../storage/volunteer-register.js';

/** Advisory lock keys of the jobs one instance at a time runs. */
const LOCKS = { escalation: 7_301_001, retention: 7_301_002 } as const;
/** Platforms retry a webhook for hours; a week of delivery ids is plenty to recognise repeats. */
const WEBHOOK_DELIVERY_DAYS = 7;
/** How often retention runs: what is due is erased at most this many hours late (the privacy notice says so). */
export const RETENTION_EVERY_HOURS = 6;
const HOUR_MS = 3_600_000;

export interface BackgroundJobDeps {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly database: Database;
  readonly handoffs: PrismaHandoffRepository;
  readonly links: PrismaTeamsLinkRepository;
  readonly adapter: CloudAdapter;
  readonly transcript: PrismaTranscriptStore;
  readonly webhookDeliveries: PrismaWebhookDeliveries;
  /** The volunteer register: its messages go through the outbox; inactive volunteers are forgotten. */
  readonly volunteers?: { readonly register: PrismaVolunteerRegister; readonly notifiers: Readonly<Record<string, Notifier>> };
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * The work nobody waits for, on timers: delivering the outbox to staff (Teams, else the log; the
 * shared mailbox by e-mail when Teams cannot be reached), escalating overdue handoffs, and
 * forgetting what the retention rules say to forget. Started by the caller (BACKGROUND_JOBS).
 */
export function createBackgroundJobs(deps: BackgroundJobDeps): Scheduler {
  const { config, catalog, database, handoffs, clock, logger } = deps;
  const sendMail = config.SMTP_URL && config.MAIL_FROM ? smtpSender(config.SMTP_URL, config.MAIL_FROM) : undefined;
  if (!sendMail && config.NODE_ENV === 'production' && catalog.instances.some((instance) => instance.mailbox))
    logger.warn('instances have a shared mailbox but SMTP_URL is not set: they are not e-mailed when Teams cannot be reached');
  const notifier: Notifier = new NotifierByKind(
    { [UNDELIVERABLE_MAIL]: new MailNotifier(sendMail, handoffs, catalog), ...deps.volunteers?.notifiers },
    config.NOTIFIER === 'teams' ? new TeamsNotifier(deps.adapter, config.MicrosoftAppId ?? '', deps.links, handoffs, catalog) : new LoggingNotifier(logger),
  );
  const fallbackOf = (instanceId: string) => instanceOf(catalog, instanceId)?.fallback ?? catalog.contactCentre;
  const undeliverableRoutes = {
    fallbackOf,
    hasMailbox: (instanceId: string) => sendMail !== undefined && instanceOf(catalog, instanceId)?.mailbox !== undefined,
  };
  const outbox = new OutboxWorker(
    database.prisma,
    notifier,
    clock,
    { leaseMs: config.OUTBOX_LEASE_SECONDS * 1000 },
    async (job, transaction, to) => {
      if (job.handoffId === undefined || job.kind === CARDS_CHANGED) return;
      await handoffs.recordDelivery(job.handoffId, { kind: job.kind, target: job.target, to }, clock(), transaction);
      if (job.kind !== 'handoff.registered') return;
      await handoffs.apply(job.handoffId, { action: { type: 'notify', by: 'system' }, at: clock() }, transaction).catch((error: unknown) => {
        // Claimed (or changed) before the notification was recorded: nothing to mark. Thrown
        // before any failing statement, so the transaction that records the delivery stands.
        if (!hasCode(error, 'HANDOFF.ILLEGAL_TRANSITION', 'HANDOFF.CHANGED')) throw error;
      });
    },
    async (job, reason, transaction) => {
      if (job.handoffId === undefined)
        return void logger.warn(
          { callOutId: job.callOutId, jobId: job.id, kind: job.kind, reason },
          'a message to a volunteer could not be delivered: given up',
        );
      // A card that could not be brought up to date is not a case nobody was told of.
      if (job.kind === CARDS_CHANGED) return void logger.warn({ handoffId: job.handoffId, jobId: job.id, reason }, 'a posted card could not be updated');
      const fallback = await handUndeliverable(transaction, job, reason, undeliverableRoutes, clock());
      logger.error(
        { handoffId: job.handoffId, jobId: job.id, kind: job.kind, target: job.target, reason, fallback: fallback ?? null },
        'staff could not be notified of a handoff: given up; see `lotsen outbox retry`',
      );
    },
  );
  const ago = (ms: number) => new Date(clock().getTime() - ms);
  // PGlite is one process (its folder is locked), so no lock is needed; a one-connection pool
  // could not hold an advisory lock and do the work at once anyway.
  const exclusively = <T>(key: number, work: () => Promise<T>) => (database.kind === 'pglite' ? work() : whileHolding(database.pool, key, work));
  return new Scheduler(
    exclusively,
    [
      { name: 'outbox', everyMs: 2_000, run: () => outbox.drain() },
      { name: 'escalation', everyMs: 60_000, lockKey: LOCKS.escalation, run: () => escalateOverdue(database.prisma, { fallbackOf }, clock()) },
      {
        name: 'retention',
        everyMs: RETENTION_EVERY_HOURS * HOUR_MS,
        lockKey: LOCKS.retention,
        run: async () => {
          await applyRetention(
            database.prisma,
            handoffs,
            { handoffDays: catalog.privacy.retentionDays, conversationDays: config.CONVERSATION_RETENTION_DAYS },
            clock(),
          );
          await deps.transcript.deleteOlderThan(ago(config.DIRECTLINE_TRANSCRIPT_HOURS * HOUR_MS));
          await deps.volunteers?.register.forgetInactive(clock());
          await deps.webhookDeliveries.deleteOlderThan(ago(WEBHOOK_DELIVERY_DAYS * 24 * HOUR_MS));
        },
      },
    ],
    (job, error) => logger.error({ job, err: error }, 'background job failed'),
  );
}
