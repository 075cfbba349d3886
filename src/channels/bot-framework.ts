import {
  CloudAdapter,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { LazyClientsAuthentication } from './lazy-clients.js';
import { turnLogFields } from './turn-request.js';

/** What every channel needs when a turn fails. */
export interface TurnErrorDeps {
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  readonly turnErrorText: (context: TurnContext) => string;
}

export interface BotFrameworkCredentials {
  readonly appId?: string | undefined;
  readonly appPassword?: string | undefined;
  readonly appType: string;
  readonly tenantId?: string | undefined;
}

/**
 * botbuilder's CloudAdapter for activities the server has already validated
 * (src/channels/inbound-activity.ts). `CloudAdapter.process` would check each one again with zod
 * schemas it builds anew on every request (about 2 % of a turn), then answer in its own shape;
 * here the server answers, in Lotsen's.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  /**
   * Authenticates the request and runs the turn. Resolves with what the HTTP answer carries (the
   * replies of an `expectReplies` turn, an invoke's response), or undefined when it carries nothing.
   * A refused token rejects with botbuilder's AuthenticationError (`statusCode` 401).
   */
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}

/** The activity's times as Dates, as botbuilder's own `validateAndFixActivity` gives them to the turn (the strings kept as `raw…`). */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = fixed[field];
    if (typeof value !== 'string') continue;
    fixed[raw] = value;
    fixed[field] = new Date(value);
  }
  return fixed;
}

/**
 * The Bot Framework adapter behind /api/messages. Without an app id, authentication is off as
 * with the Emulator (config refuses that in production).
 */
export function createBotFrameworkAdapter(credentials: BotFrameworkCredentials, deps: TurnErrorDeps): BotFrameworkAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId ?? '',
  };
  const adapter = new BotFrameworkAdapter(new LazyClientsAuthentication(options));

  adapter.onTurnError = turnErrorHandler(deps);
  return adapter;
}

/**
 * What every channel does when a turn fails: log ids (never text), forget where the dialog was
 * so the next message starts cleanly instead of failing again, and tell the person honestly.
 */
export function turnErrorHandler(deps: TurnErrorDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    deps.logger.error({ ...turnLogFields(context), err: error, channelId: context.activity.channelId }, 'turn failed');
    await deps.conversationState.delete(context).catch(() => undefined);
    await context.sendActivity(deps.turnErrorText(context)).catch(() => undefined);
  };
}
