import { PROCESSED, type InboundTurn, type MessagingPlatform, type OutboundMessage } from './messaging-platform.js';
import { camelCased, createConnector, preprocessed, sessionFor } from './bottender-connector.js';

export interface LineOptions {
  readonly accessToken: string;
  readonly channelSecret: string;
  readonly origin?: string;
}

interface LineEvent {
  readonly isText: boolean;
  readonly isPayload: boolean;
  readonly text: string | null;
  readonly payload: string | null;
  readonly source: { type: string; userId?: string };
  readonly rawEvent: { webhookEventId?: string; replyToken?: string; timestamp?: number };
}

interface LineContext {
  replyText(text: string, options?: Record<string, unknown>): Promise<unknown>;
  handlerDidEnd(): Promise<void>;
}

/** A LINE reply carries at most 5 messages; quick replies at most 13, labels at most 20 characters. */
const MAX_MESSAGES = 5;
const MAX_QUICK_REPLIES = 13;
const MAX_LABEL = 20;

/** LINE through bottender's LineConnector: its preprocess checks X-Line-Signature and answers the console's verify. */
export function linePlatform(options: LineOptions): MessagingPlatform {
  const connector = createConnector<LineEvent, LineContext>('line/LineConnector', {
    accessToken: options.accessToken,
    channelSecret: options.channelSecret,
    ...(options.origin ? { origin: options.origin } : {}),
    skipLegacyProfile: true,
  });

  return {
    id: 'line',
    textLimit: 5000,
    buttons: true,
    processed: PROCESSED,
    check: (request) => preprocessed(connector, request),
    // A push message to a person who follows the account (LINE counts them against the plan's quota).
    async startMessage(conversationId, message) {
      const client = connector.client as unknown as { pushText(to: string, text: string, options?: Record<string, unknown>): Promise<unknown> };
      await client.pushText(conversationId.replace(/^line:/, ''), message.text, quickReply(message));
    },
    async turns(rawBody) {
      const turns: InboundTurn[] = [];
      for (const event of connector.mapRequestToEvents(camelCased(rawBody))) {
        const text = event.isPayload ? event.payload : event.isText ? event.text : null;
        // One person's chat only: group and room sessions would make bottender ask LINE for members.
        if (!text || event.source.type !== 'user' || !event.source.userId) continue;
        const session = await sessionFor(connector, event, 'line');
        if (!session) continue;
        const context = await connector.createContext({ event, session: session.session });
        const pending: OutboundMessage[] = [];
        turns.push({
          deliveryId: event.rawEvent.webhookEventId ?? `${event.source.userId}:${event.rawEvent.timestamp ?? ''}`,
          conversationId: `line:${session.key}`,
          userId: `line:${event.source.userId}`,
          text,
          reply: async (messages) => void pending.push(...messages),
          finish: async () => {
            // A reply token is good for one reply of at most five messages: later ones are joined into the fifth.
            for (const message of withinReplyLimit(pending)) await context.replyText(message.text, quickReply(message));
            await context.handlerDidEnd();
          },
        });
      }
      return turns;
    },
  };
}

function withinReplyLimit(messages: readonly OutboundMessage[]): OutboundMessage[] {
  if (messages.length <= MAX_MESSAGES) return [...messages];
  const rest = messages.slice(MAX_MESSAGES - 1);
  return [...messages.slice(0, MAX_MESSAGES - 1), { text: rest.map((message) => message.text).join('\n\n'), choices: rest[rest.length - 1]!.choices }];
}

function quickReply(message: OutboundMessage): Record<string, unknown> {
  if (message.choices.length === 0) return {};
  const items = message.choices.slice(0, MAX_QUICK_REPLIES).map((choice) => ({
    type: 'action',
    action: { type: 'postback', label: choice.title.slice(0, MAX_LABEL), data: choice.value, displayText: choice.title },
  }));
  return { quickReply: { items } };
}
