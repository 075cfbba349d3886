import { errorBody } from '../../domain/errors.js';

/** A webhook request as the platforms sign it: the raw body, and the body parsed (JSON or form). */
export interface WebhookRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: Readonly<Record<string, string>>;
  readonly rawBody: string;
  readonly body: Record<string, unknown>;
  /** The public address the platform called (Twilio signs it). */
  readonly url: string;
  /** The HTTP request's id (X-Request-Id), for the log lines of the turns it carries. */
  readonly requestId?: string;
}

export interface WebhookResponse {
  readonly status: number;
  /** A string is sent as text (verification challenges), anything else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
}

/** A button the bot offers: the person sees the title, the bot receives the value (a stable id). */
export interface Choice {
  readonly title: string;
  readonly value: string;
}

/** One message of the bot's reply, already within the platform's length limit. */
export interface OutboundMessage {
  readonly text: string;
  readonly choices: readonly Choice[];
  /** What the bot waits for (`channelData.lotsen.expecting`): phone, email, name, freeText… */
  readonly expecting?: string;
}

/** One person's message (or button press) in a delivery, and the way to answer it. */
export interface InboundTurn {
  /** The platform's id for this event: a retried delivery carries the same one. */
  readonly deliveryId: string;
  /** Stable per chat: `<platform>:<chat id>`. */
  readonly conversationId: string;
  readonly userId: string;
  /** The text written, or the value of the button pressed. */
  readonly text: string;
  readonly locale?: string;
  reply(messages: readonly OutboundMessage[]): Promise<void>;
  /** After the turn: flush batched replies, acknowledge button presses. */
  finish(): Promise<void>;
}

/** A messaging app connected through bottender's connector for it. */
export interface MessagingPlatform {
  readonly id: 'telegram' | 'messenger' | 'line' | 'slack' | 'whatsapp';
  /** Longest text message the platform takes. */
  readonly textLimit: number;
  /** False where the platform has no buttons: choices are sent as numbered lines. */
  readonly buttons: boolean;
  /** True where the platform verifies the webhook with a GET (Messenger); elsewhere only POST is a delivery. */
  readonly verifiesWithGet?: boolean;
  /**
   * Verification handshakes and signature checks. A response ends the request (a challenge, or a
   * 401 for a bad signature); undefined means the delivery is genuine.
   */
  check(request: WebhookRequest): Promise<WebhookResponse | undefined>;
  /** The turns in a genuine delivery (status callbacks, echoes and the like are none). */
  turns(body: Record<string, unknown>): Promise<InboundTurn[]>;
  /** What the platform expects as the answer to a processed delivery. */
  readonly processed: WebhookResponse;
  /**
   * Starts a message in a chat (`<platform>:<chat id>`) nobody is writing in now: a volunteer's
   * call-out. Only where the platform lets a bot write first to someone who wrote to it.
   */
  startMessage?(conversationId: string, message: OutboundMessage): Promise<void>;
}

/** A request the webhook refuses, in Lotsen's JSON error shape. */
export const refusal = (status: number, code: string, message: string): WebhookResponse => ({ status, body: errorBody(code, message) });

export const BAD_SIGNATURE = refusal(401, 'UNAUTHORIZED', 'The webhook signature is missing or wrong');
export const PROCESSED: WebhookResponse = { status: 200, body: { ok: true } };
export const METHOD_NOT_ALLOWED = refusal(405, 'METHOD_NOT_ALLOWED', 'Deliveries are POSTed');
/** Signed by the platform, but not a delivery Lotsen can read: 400, since a 5xx would only make the platform retry it. */
export const unreadable = (problem: string): WebhookResponse => refusal(400, 'BAD_REQUEST', `The delivery cannot be read: ${problem}`);
