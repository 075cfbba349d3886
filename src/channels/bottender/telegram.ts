import { BAD_SIGNATURE, PROCESSED, type InboundTurn, type MessagingPlatform, type OutboundMessage } from './messaging-platform.js';
import { sameSecret } from '../credentials.js';
import { camelCased, createConnector, sessionFor } from './bottender-connector.js';

export interface TelegramOptions {
  readonly accessToken: string;
  /** Set with setWebhook's secret_token; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  readonly secretToken: string;
  /** Another Bot API server (self-hosted, or a test's fake). */
  readonly origin?: string;
}

interface TelegramEvent {
  readonly isText: boolean;
  readonly isPayload: boolean;
  readonly isCallbackQuery: boolean;
  readonly text: string | null;
  readonly payload: string | null;
  readonly message?: { from?: { id: number; languageCode?: string } };
  readonly callbackQuery?: { from: { id: number; languageCode?: string } };
}

interface TelegramClient {
  sendMessage(chatId: string, text: string, options?: Record<string, unknown>): Promise<unknown>;
}

interface TelegramContext {
  sendText(text: string, options?: Record<string, unknown>): Promise<unknown>;
  answerCallbackQuery(options: Record<string, unknown>): Promise<unknown>;
}

/** Telegram through bottender's TelegramConnector, with the secret-token check bottender lacks. */
export function telegramPlatform(options: TelegramOptions): MessagingPlatform {
  const connector = createConnector<TelegramEvent, TelegramContext>('telegram/TelegramConnector', {
    accessToken: options.accessToken,
    ...(options.origin ? { origin: options.origin } : {}),
    skipLegacyProfile: true,
  });

  return {
    id: 'telegram',
    textLimit: 4096,
    buttons: true,
    processed: PROCESSED,
    // A bot may write first in a chat whose person has written to it (and not blocked it).
    async startMessage(conversationId, message) {
      const client = connector.client as unknown as TelegramClient;
      await client.sendMessage(conversationId.replace(/^telegram:/, ''), message.text, replyMarkup(message));
    },
    async check(request) {
      // bottender's preprocess accepts every Telegram request; the secret token is our check.
      return sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secretToken) ? undefined : BAD_SIGNATURE;
    },
    async turns(rawBody) {
      const body = camelCased(rawBody);
      const turns: InboundTurn[] = [];
      for (const event of connector.mapRequestToEvents(body)) {
        const text = event.isPayload ? event.payload : event.isText ? event.text : null;
        const from = event.callbackQuery?.from ?? event.message?.from;
        const session = await sessionFor(connector, body, 'telegram');
        if (!text || !from || !session) continue;
        const context = await connector.createContext({ event, session: session.session });
        turns.push({
          deliveryId: String(body.updateId),
          conversationId: `telegram:${session.key}`,
          userId: `telegram:${from.id}`,
          text,
          ...(from.languageCode ? { locale: from.languageCode } : {}),
          reply: async (messages) => {
            for (const message of messages) await context.sendText(message.text, replyMarkup(message));
          },
          finish: async () => {
            // A pressed button spins until its callback query is answered.
            if (event.isCallbackQuery) await context.answerCallbackQuery({});
          },
        });
      }
      return turns;
    },
  };
}

/** Buttons as an inline keyboard, one per row (titles are whole phrases). */
function replyMarkup(message: OutboundMessage): Record<string, unknown> {
  if (message.choices.length === 0) return {};
  return { reply_markup: { inline_keyboard: message.choices.map((choice) => [{ text: choice.title, callback_data: choice.value }]) } };
}
