import { createHmac } from 'node:crypto';
import { BAD_SIGNATURE, PROCESSED, type InboundTurn, type MessagingPlatform, type OutboundMessage } from './messaging-platform.js';
import { sameSecret } from '../credentials.js';
import { camelCased, createConnector, loadLazily, preprocessed, sessionFor } from './bottender-connector.js';

export interface MessengerOptions {
  readonly accessToken: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly origin?: string;
}

interface MessengerEvent {
  readonly isEcho: boolean;
  readonly isText: boolean;
  readonly isPayload: boolean;
  /** The page the event was sent to (its recipient), or null. */
  readonly pageId: string | null;
  readonly text: string | null;
  readonly payload: string | null;
  readonly timestamp?: number;
  readonly message?: { mid?: string };
  readonly postback?: { mid?: string };
  readonly rawEvent: { sender: { id: string }; timestamp?: number };
}

interface MessengerContext {
  sendText(text: string, options?: Record<string, unknown>): Promise<unknown>;
}

/** Messenger's quick replies: at most 13, titles at most 20 characters. */
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;

/**
 * Messenger through bottender's MessengerConnector. Its preprocess answers the verification GET;
 * deliveries are checked here with X-Hub-Signature-256 (bottender knows only the SHA-1 header,
 * which Meta is phasing out).
 */
export function messengerPlatform(options: MessengerOptions): MessagingPlatform {
  const { MessengerClient: Client } = loadLazily('messaging-api-messenger') as { MessengerClient: new (options: Record<string, unknown>) => unknown };
  const client = new Client({
    accessToken: options.accessToken,
    appSecret: options.appSecret,
    version: '21.0',
    ...(options.origin ? { origin: options.origin } : {}),
  });
  // Our own client: the connector's would pin Graph API v6.0.
  const connector = createConnector<MessengerEvent, MessengerContext>('messenger/MessengerConnector', {
    client,
    appSecret: options.appSecret,
    appId: 'lotsen',
    verifyToken: options.verifyToken,
    skipLegacyProfile: true,
  });

  return {
    id: 'messenger',
    textLimit: 2000,
    buttons: true,
    verifiesWithGet: true,
    processed: PROCESSED,
    async check(request) {
      if (request.method === 'GET') return (await preprocessed(connector, request)) ?? BAD_SIGNATURE;
      const expected = `sha256=${createHmac('sha256', options.appSecret).update(request.rawBody).digest('hex')}`;
      return sameSecret(request.headers['x-hub-signature-256'], expected) ? undefined : BAD_SIGNATURE;
    },
    async turns(rawBody) {
      const body = camelCased(rawBody);
      const turns: InboundTurn[] = [];
      for (const event of connector.mapRequestToEvents(body)) {
        const text = event.isPayload ? event.payload : event.isText ? event.text : null;
        // Every event Messenger sends names the page it was sent to; one that does not is not
        // Messenger's (and bottender would warn on the console looking for it).
        if (!event.pageId) continue;
        const session = await sessionFor(connector, event, 'messenger');
        if (event.isEcho || !text || !session) continue;
        const context = await connector.createContext({ event, session: session.session });
        const sender = event.rawEvent.sender.id;
        turns.push({
          deliveryId: event.message?.mid ?? event.postback?.mid ?? `${sender}:${event.rawEvent.timestamp ?? ''}:${text}`,
          conversationId: `messenger:${session.key}`,
          userId: `messenger:${sender}`,
          text,
          reply: async (messages) => {
            for (const message of messages) await context.sendText(message.text, quickReplies(message));
          },
          finish: async () => undefined,
        });
      }
      return turns;
    },
  };
}

/** Choices as quick replies; where a phone number or e-mail is expected, Messenger offers the person's own. */
function quickReplies(message: OutboundMessage): Record<string, unknown> {
  const choices = message.choices
    .slice(0, MAX_QUICK_REPLIES)
    .map((choice) => ({ contentType: 'text', title: choice.title.slice(0, MAX_TITLE), payload: choice.value }));
  if (message.expecting === 'phone') return { quickReplies: [{ contentType: 'user_phone_number' }] };
  if (message.expecting === 'email') return { quickReplies: [{ contentType: 'user_email' }] };
  return choices.length > 0 ? { quickReplies: choices } : {};
}
