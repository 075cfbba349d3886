import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { answerTexts } from '../../dialogs/call-out-answer.js';
import type { VolunteerDeps } from '../../dialogs/dialog-deps.js';
import type { MessagingPlatform } from '../channels/bottender/messaging-platform.js';
import { smtpSender } from '../channels/mail/smtp.js';
import { httpSmsSender } from '../channels/sms-gateway.js';
import { AnswerLinks } from '../channels/volunteer-answer-links.js';
import { VolunteerMessenger, type SendInApp } from '../channels/volunteer-messenger.js';
import type { Config } from '../config/index.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { Notifier } from '../domain/notifications.js';
import { VOLUNTEER_MESSAGES } from '../domain/volunteers/volunteer.js';
import type { VolunteerApiDeps } from '../server/volunteer-api.js';
import type { VolunteerAnswerDeps } from '../server/volunteer-answers.js';
import type { Database } from '../storage/database.js';
import { PrismaVolunteerRegister } from '../storage/volunteer-register.js';

/** The volunteer register's parts: the register, what the conversation needs, the messenger for the outbox, and the answer routes. */
export interface VolunteerSide {
  readonly register: PrismaVolunteerRegister;
  readonly conversation: VolunteerDeps;
  /** The outbox's notifier for each kind of message to volunteers. */
  readonly notifiers: Readonly<Record<string, Notifier>>;
  readonly answers: VolunteerAnswerDeps;
  /** The coordinators' API, but for who may use it (the staff side knows). */
  readonly api: Omit<VolunteerApiDeps, 'authenticate'>;
}

export interface VolunteerSideDeps {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly database: Database;
  readonly platforms: readonly MessagingPlatform[];
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * The volunteer register, when the catalog has one: call-outs reach volunteers in the messaging
 * app they registered in (where it lets a bot write first), by SMS through the gateway, or by
 * e-mail with answer links; a way not configured writes to the log (development).
 */
export function createVolunteerSide({ config, catalog, database, platforms, clock, logger }: VolunteerSideDeps): VolunteerSide | undefined {
  if (!catalog.volunteers) return undefined;
  const register = new PrismaVolunteerRegister(database.prisma, catalog.volunteers, catalog.office.timeZone);
  const apps: Record<string, SendInApp> = Object.fromEntries(
    platforms.flatMap((platform) => (platform.startMessage ? [[platform.id, platform.startMessage.bind(platform)] as const] : [])),
  );
  const sms = config.SMS_GATEWAY_URL && config.SMS_GATEWAY_TOKEN ? httpSmsSender(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN) : undefined;
  const mail = config.SMTP_URL && config.MAIL_FROM ? smtpSender(config.SMTP_URL, config.MAIL_FROM) : undefined;
  if (config.NODE_ENV === 'production' && (!sms || !mail || !config.PUBLIC_BASE_URL))
    logger.warn('the volunteer register cannot reach everyone: set SMS_GATEWAY_URL/SMS_GATEWAY_TOKEN, SMTP_URL/MAIL_FROM and PUBLIC_BASE_URL');
  const links = new AnswerLinks(
    config.DIRECTLINE_SECRET ?? randomBytes(32).toString('hex'),
    config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
    clock,
  );
  const messenger = new VolunteerMessenger({
    catalog,
    messageFor: (callOutId) => register.messageFor(callOutId),
    ...(sms ? { sms } : {}),
    ...(mail ? { mail } : {}),
    apps,
    answerLinks: (callOutId) => links.linksFor(callOutId),
    log: (fields, message) => logger.info(fields, message),
  });
  return {
    register,
    conversation: { register, appChannels: Object.keys(apps) },
    api: { register, settings: catalog.volunteers, clock },
    notifiers: Object.fromEntries(Object.values(VOLUNTEER_MESSAGES).map((kind) => [kind, messenger])),
    answers: {
      catalog,
      register,
      clock,
      callOutOfToken: (token) => links.callOutOf(token),
      textsFor: (language) => answerTexts(catalog, language),
      ...(sms && config.SMS_GATEWAY_TOKEN ? { sms: { token: config.SMS_GATEWAY_TOKEN, send: sms } } : {}),
    },
  };
}
