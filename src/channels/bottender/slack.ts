import { PROCESSED, type InboundTurn, type MessagingPlatform, type OutboundMessage } from './messaging-platform.js';
import { camelCased, createConnector, preprocessed, sessionFor } from './bottender-connector.js';

export interface SlackOptions {
  readonly accessToken: string;
  readonly signingSecret: string;
  readonly origin?: string;
}

interface SlackEvent {
  readonly isText: boolean;
  readonly isBlockAction: boolean;
  readonly text: string | null;
  readonly action?: { value?: string };
  readonly rawEvent: { user?: string | { id: string }; ts?: string; actionTs?: string };
}

interface SlackContext {
  readonly chat: { postMessage(options: Record<string, unknown>): Promise<unknown> };
  readonly session: { channel?: { id: string } };
}

/** A section block holds at most 3,000 characters; a button's text at most 75. */
const SECTION_LIMIT = 3000;
const MAX_BUTTON_TEXT = 75;

/** Slack through bottender's SlackConnector: its preprocess checks the signing secret and answers url_verification. */
export function slackPlatform(options: SlackOptions): MessagingPlatform {
  const connector = createConnector<SlackEvent, SlackContext>('slack/SlackConnector', {
    accessToken: options.accessToken,
    signingSecret: options.signingSecret,
    ...(options.origin ? { origin: options.origin } : {}),
    skipLegacyProfile: true,
  });

  return {
    id: 'slack',
    textLimit: SECTION_LIMIT,
    buttons: true,
    processed: PROCESSED,
    check: (request) => preprocessed(connector, request),
    // A message in the direct-message channel the person wrote in.
    async startMessage(conversationId, message) {
      const client = connector.client as unknown as { chat: { postMessage(options: Record<string, unknown>): Promise<unknown> } };
      await client.chat.postMessage({ channel: conversationId.replace(/^slack:/, ''), text: message.text, blocks: blocks(message) });
    },
    async turns(rawBody) {
      const body = camelCased(rawBody);
      const turns: InboundTurn[] = [];
      for (const event of connector.mapRequestToEvents(body)) {
        const text = event.isBlockAction ? event.action?.value : event.isText ? event.text : null;
        const user = typeof event.rawEvent.user === 'string' ? event.rawEvent.user : event.rawEvent.user?.id;
        const session = await sessionFor(connector, body, 'slack');
        if (!text || !user || !session) continue;
        const context = await connector.createContext({ event, session: session.session });
        const channel = context.session.channel?.id ?? session.key;
        turns.push({
          // Slack's retries repeat event_id; button presses have their action time instead.
          deliveryId: typeof body.eventId === 'string' ? body.eventId : `${channel}:${event.rawEvent.actionTs ?? event.rawEvent.ts ?? ''}:${user}`,
          conversationId: `slack:${session.key}`,
          userId: `slack:${user}`,
          text,
          reply: async (messages) => {
            for (const message of messages) await context.chat.postMessage({ channel, text: message.text, blocks: blocks(message) });
          },
          finish: async () => undefined,
        });
      }
      return turns;
    },
  };
}

/** The text as a section, and the choices as buttons whose value is the choice's id. */
function blocks(message: OutboundMessage): Record<string, unknown>[] {
  const section = { type: 'section', text: { type: 'plain_text', text: message.text } };
  if (message.choices.length === 0) return [section];
  const buttons = message.choices.map((choice, index) => ({
    type: 'button',
    text: { type: 'plain_text', text: choice.title.slice(0, MAX_BUTTON_TEXT) },
    value: choice.value,
    action_id: `choice_${index}`,
  }));
  return [section, { type: 'actions', elements: buttons }];
}
