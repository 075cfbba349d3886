import { type InboundTurn, type MessagingPlatform } from './messaging-platform.js';
import { camelCased, createConnector, preprocessed, sessionFor } from './bottender-connector.js';

export interface WhatsappOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The WhatsApp sender, `whatsapp:+46…`. */
  readonly phoneNumber: string;
  readonly origin?: string;
}

interface WhatsappEvent {
  readonly isReceived: boolean;
  readonly isText: boolean;
  readonly text: string | null;
  readonly rawEvent: { messageSid?: string; from?: string };
}

interface WhatsappContext {
  sendText(text: string): Promise<unknown>;
}

/**
 * WhatsApp through Twilio, with bottender's WhatsappConnector: its preprocess checks
 * X-Twilio-Signature over the public address Twilio called. WhatsApp via Twilio has no free
 * buttons, so choices go as numbered lines.
 */
export function whatsappPlatform(options: WhatsappOptions): MessagingPlatform {
  // With an origin, TwilioClient drops its built-in credentials from the address: put them back.
  const origin = options.origin ? withCredentials(options.origin, options.accountSid, options.authToken) : undefined;
  const connector = createConnector<WhatsappEvent, WhatsappContext>('whatsapp/WhatsappConnector', {
    accountSid: options.accountSid,
    authToken: options.authToken,
    phoneNumber: options.phoneNumber,
    ...(origin ? { origin } : {}),
  });

  return {
    id: 'whatsapp',
    textLimit: 1600,
    buttons: false,
    // Twilio reads the answer as TwiML: an empty Response sends nothing more.
    processed: { status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>', contentType: 'text/xml' },
    check: (request) => preprocessed(connector, request),
    async turns(rawBody) {
      const body = camelCased(rawBody);
      const turns: InboundTurn[] = [];
      for (const event of connector.mapRequestToEvents(body)) {
        const session = await sessionFor(connector, body, 'whatsapp');
        // Status callbacks (sent, delivered, read) are events too, but nobody said anything.
        if (!event.isReceived || !event.isText || !event.text || !event.rawEvent.messageSid || !session) continue;
        const context = await connector.createContext({ event, session: session.session });
        turns.push({
          deliveryId: event.rawEvent.messageSid,
          conversationId: `whatsapp:${session.key}`,
          userId: `whatsapp:${session.key}`,
          text: event.text,
          reply: async (messages) => {
            for (const message of messages) await context.sendText(message.text);
          },
          finish: async () => undefined,
        });
      }
      return turns;
    },
  };
}

function withCredentials(origin: string, user: string, password: string): string {
  const url = new URL(origin);
  url.username = user;
  url.password = password;
  return url.toString().replace(/\/$/, '');
}
