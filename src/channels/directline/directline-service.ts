import { randomBytes, randomUUID } from 'node:crypto';
import { jsonProblem } from '../../domain/json-shape.js';
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { TranscriptStore } from '../../domain/transcript.js';
import type { DirectLineAdapter } from './directline-adapter.js';
import type { TokenSigner } from './tokens.js';
import { LotsenError } from '../../domain/errors.js';
import { carriedBy } from '../turn-request.js';

/** A Direct Line failure with the HTTP status and stable code the routes answer with. */
export class DirectLineError extends LotsenError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_TEXT_LENGTH = 4_000;
/** The most activities one read returns (a poll, a message on a stream). */
export const READ_LIMIT = 100;

/** How large a button's value may be once serialised (Lotsen's buttons send short strings). */
const MAX_VALUE_LENGTH = 1_000;

/**
 * What a client may post: Web Chat's messages (text or a button's value) and events. Only the
 * fields Lotsen uses are kept, each with a tight limit: everything else Web Chat adds (entities,
 * local timestamps) and anything a script adds is dropped, so the transcript cannot be filled.
 */
const PostedActivity = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`).optional(),
  value: z
    .unknown()
    .refine((value) => value === undefined || (JSON.stringify(value)?.length ?? 0) <= MAX_VALUE_LENGTH, `value is longer than ${MAX_VALUE_LENGTH} characters`)
    .optional(),
  name: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  from: z.object({ id: z.string().min(1).max(100), name: z.string().max(100).optional() }),
  // Web Chat matches its own messages in the transcript by clientActivityID, and shows a
  // button's title (messageBack.displayText) as what the person said, not the id it sends.
  channelData: z
    .object({
      clientActivityID: z.string().max(100).optional(),
      clientTimestamp: z.string().max(40).optional(),
      messageBack: z.object({ displayText: z.string().max(200).optional() }).optional(),
    })
    .optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported: describe it in text instead').optional(),
});

/** Activities and the watermark to read on from, as Direct Line answers a poll and sends on a stream. */
export interface ActivitySet {
  readonly activities: unknown[];
  readonly watermark: string | undefined;
}

export interface ConversationGrant {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
}

export interface DirectLineDeps {
  readonly signer: TokenSigner;
  readonly transcript: TranscriptStore;
  readonly adapter: DirectLineAdapter;
  readonly runTurn: (context: TurnContext) => Promise<void>;
  readonly now: () => Date;
}

/** A BCP 47 language tag as pages send it (`sv`, `en-GB`, `sv-lattlast`). */
const LanguageTag = z
  .string()
  .max(20)
  .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i);
const GenerateBody = z.object({ locale: LanguageTag.optional().catch(undefined) });
const BOT = { id: 'lotsen', name: 'Lotsen', role: 'bot' };
const CHANNEL = 'webchat';

/**
 * The Direct Line 3.0 subset Web Chat needs, self-hosted (same paths and shapes as Azure's):
 * tokens bound to one conversation, a transcript in the database, turns run by the same bot as
 * every other channel.
 */
export class DirectLineService {
  constructor(private readonly deps: DirectLineDeps) {}

  /**
   * A new conversation and its token; `{ "locale": "en" }` in the body (the page's language)
   * makes the greeting that language's, when the catalog has it. Anything but a language tag is
   * ignored: the greeting is then in Swedish.
   */
  generate(body: unknown): Promise<ConversationGrant> {
    const locale = GenerateBody.safeParse(body).data?.locale;
    return this.grant(randomBytes(16).toString('base64url'), locale);
  }

  async refresh(token: string): Promise<ConversationGrant> {
    const { conversationId, locale } = await this.claims(token);
    return this.grant(conversationId, locale);
  }

  /** Starts (or resumes) the token's conversation; a new one is announced to the bot, which greets (in a turn carried by `requestId`). */
  async start(token: string, requestId?: string): Promise<ConversationGrant> {
    const { conversationId, locale } = await this.claims(token);
    if (await this.deps.transcript.isEmpty(conversationId)) {
      const user = { id: `dl_${conversationId}`, name: '', role: 'user' };
      await this.deps.adapter.process(
        this.incoming(conversationId, { type: 'conversationUpdate', membersAdded: [BOT, user], from: user, ...(locale ? { locale } : {}) }),
        carriedBy(requestId, this.deps.runTurn),
      );
    }
    return { conversationId, token, expires_in: this.deps.signer.lifetime };
  }

  /**
   * Reconnects to the token's own conversation (Direct Line's `GET /conversations/{id}`, which
   * Web Chat calls when a page resumes a conversation it kept): nothing is announced to the bot,
   * and the client reads the transcript from its watermark.
   */
  async reconnect(token: string, conversationId: string): Promise<ConversationGrant> {
    await this.authorise(token, conversationId);
    return { conversationId, token, expires_in: this.deps.signer.lifetime };
  }

  async activities(token: string, conversationId: string, watermark: string | undefined): Promise<ActivitySet> {
    await this.authorise(token, conversationId);
    return this.read(conversationId, watermark);
  }

  /** What the conversation has after `watermark`, as an activity set: a poll's answer, and each message on a stream. */
  async read(conversationId: string, watermark: string | undefined): Promise<ActivitySet> {
    const stored = await this.deps.transcript.since(conversationId, watermark, READ_LIMIT);
    return { activities: stored.map((entry) => entry.activity), watermark: stored.at(-1)?.watermark ?? watermark };
  }

  /** A token for the conversation's WebSocket stream URL (short-lived; the caller has already shown the conversation's token). */
  streamToken(conversationId: string): Promise<string> {
    return this.deps.signer.issueStreamToken(conversationId);
  }

  /** A stream token opens its own conversation only: 401 for a bad or expired one, 403 for another conversation's. */
  async authoriseStream(streamToken: string, conversationId: string): Promise<void> {
    const claims = await this.deps.signer.verifyStreamToken(streamToken);
    if (!claims) throw new DirectLineError(401, 'UNAUTHORIZED', 'The stream token is missing, invalid or expired');
    if (claims.conversationId !== conversationId) throw new DirectLineError(403, 'FORBIDDEN', 'The token does not open this conversation');
  }

  /** Stores the resident's activity (echoing the client's channelData, e.g. clientActivityID) and runs the turn, carried by `requestId`. */
  async post(token: string, conversationId: string, body: unknown, requestId?: string): Promise<{ id: string }> {
    await this.authorise(token, conversationId);
    // What the transcript could not store (NULs, lone surrogates) or even measure (absurd nesting).
    const shape = jsonProblem(body);
    if (shape) throw new DirectLineError(400, 'INVALID_ACTIVITY', `Invalid activity: ${shape}`);
    const parsed = PostedActivity.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DirectLineError(400, 'INVALID_ACTIVITY', `Invalid activity: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const activity = this.incoming(conversationId, {
      ...parsed.data,
      from: { ...parsed.data.from, name: parsed.data.from.name ?? '', role: 'user' },
    } as Partial<Activity>);
    if (activity.type === 'typing') return { id: activity.id! };
    await this.deps.transcript.append(conversationId, [JSON.parse(JSON.stringify(activity)) as Record<string, unknown>]);
    await this.deps.adapter.process(activity, carriedBy(requestId, this.deps.runTurn));
    return { id: activity.id! };
  }

  private incoming(conversationId: string, activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      id: randomUUID(),
      timestamp: this.deps.now().toISOString() as unknown as Date,
      channelId: CHANNEL,
      serviceUrl: 'directline:self-hosted',
      conversation: { id: conversationId } as Activity['conversation'],
      recipient: BOT,
    };
  }

  private async grant(conversationId: string, locale?: string): Promise<ConversationGrant> {
    return { conversationId, token: await this.deps.signer.issue(conversationId, locale), expires_in: this.deps.signer.lifetime };
  }

  private async claims(token: string) {
    const claims = await this.deps.signer.verify(token);
    if (!claims) throw new DirectLineError(401, 'UNAUTHORIZED', 'The token is missing, invalid or expired');
    return claims;
  }

  /** A token opens its own conversation only: 401 for a bad token, 403 for another conversation's. */
  async authorise(token: string, conversationId: string): Promise<void> {
    if ((await this.claims(token)).conversationId !== conversationId) throw new DirectLineError(403, 'FORBIDDEN', 'The token does not open this conversation');
  }
}
