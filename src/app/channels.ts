import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { createBotFrameworkAdapter, turnErrorHandler, type BotFrameworkAdapter } from '../channels/bot-framework.js';
import { MessagingAdapter } from '../channels/bottender/messaging-adapter.js';
import { MessagingWebhooks } from '../channels/bottender/messaging-webhooks.js';
import { NumberedChoices } from '../channels/bottender/numbered-choices.js';
import { DirectLineAdapter } from '../channels/directline/directline-adapter.js';
import { DirectLineService } from '../channels/directline/directline-service.js';
import { TokenSigner } from '../channels/directline/tokens.js';
import type { Config } from '../config/index.js';
import type { Database } from '../storage/database.js';
import { PrismaWebhookDeliveries } from '../storage/webhook-deliveries.js';
import type { Conversation } from './conversation.js';
import type { MessagingPlatform } from '../channels/bottender/messaging-platform.js';

/** The ways people reach the conversation: Bot Framework (Teams, Azure channels), the web chat's Direct Line, and the messaging apps' webhooks. */
export interface Channels {
  readonly adapter: BotFrameworkAdapter;
  readonly directLine: DirectLineService;
  readonly webhooks: MessagingWebhooks;
  readonly webhookDeliveries: PrismaWebhookDeliveries;
  /** The messaging apps people can write in, by name (the privacy notice lists them). */
  readonly messagingApps: readonly string[];
}

const APP_NAMES: Record<MessagingPlatform['id'], string> = { telegram: 'Telegram', messenger: 'Messenger', line: 'LINE', slack: 'Slack', whatsapp: 'WhatsApp' };

export function createChannels(
  config: Config,
  platforms: readonly MessagingPlatform[],
  conversation: Conversation,
  database: Database,
  clock: () => Date,
  logger: Logger,
): Channels {
  const { bot, transcript, storage, turnErrors } = conversation;
  const adapter = createBotFrameworkAdapter(
    { appId: config.MicrosoftAppId, appPassword: config.MicrosoftAppPassword, appType: config.MicrosoftAppType, tenantId: config.MicrosoftAppTenantId },
    turnErrors,
  );
  if (!config.DIRECTLINE_SECRET)
    logger.warn('DIRECTLINE_SECRET is not set: web chat tokens are signed with a random secret and only this instance accepts them');
  const directLine = new DirectLineService({
    signer: new TokenSigner(config.DIRECTLINE_SECRET ?? randomBytes(32).toString('hex'), undefined, undefined, config.DIRECTLINE_SECRET_PREVIOUS),
    transcript,
    adapter: new DirectLineAdapter(transcript, turnErrorHandler(turnErrors), clock),
    runTurn: (context) => bot.run(context),
    now: clock,
  });
  const webhookDeliveries = new PrismaWebhookDeliveries(database.prisma);
  if (platforms.length > 0) logger.info({ platforms: platforms.map((platform) => platform.id) }, 'messaging apps on');
  const webhooks = new MessagingWebhooks(
    platforms,
    new MessagingAdapter(new NumberedChoices(storage), turnErrorHandler(turnErrors), clock),
    webhookDeliveries,
    (context) => bot.run(context),
  );
  return { adapter, directLine, webhooks, webhookDeliveries, messagingApps: platforms.map((platform) => APP_NAMES[platform.id]) };
}
