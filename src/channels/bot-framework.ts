import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions, type ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { LazyClientsAuthentication } from './lazy-clients.js';

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
 * The Bot Framework adapter behind /api/messages. Without an app id, authentication is off as
 * with the Emulator (config refuses that in production).
 */
export function createBotFrameworkAdapter(credentials: BotFrameworkCredentials, deps: TurnErrorDeps): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId ?? '',
  };
  const adapter = new CloudAdapter(new LazyClientsAuthentication(options));

  adapter.onTurnError = turnErrorHandler(deps);
  return adapter;
}

/**
 * What every channel does when a turn fails: log ids (never text), forget where the dialog was
 * so the next message starts cleanly instead of failing again, and tell the person honestly.
 */
export function turnErrorHandler(deps: TurnErrorDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { activity } = context;
    deps.logger.error({ err: error, conversationId: activity.conversation?.id, activityId: activity.id, channelId: activity.channelId }, 'turn failed');
    await deps.conversationState.delete(context).catch(() => undefined);
    await context.sendActivity(deps.turnErrorText(context)).catch(() => undefined);
  };
}
