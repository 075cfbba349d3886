import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long an e-mailed call-out's links answer it. */
const LINK_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The yes and no links of an e-mailed call-out: `/volunteer/answer/<token>`, the token naming
 * the call-out and when the link stops working, signed with a key derived from the secret every
 * instance shares (so any instance can check it, and it is useless for anything else).
 */
export class AnswerLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly baseUrl: string,
    private readonly clock: () => Date,
  ) {
    this.key = createHmac('sha256', secret).update('lotsen:volunteer-answer-link').digest();
  }

  linksFor(callOutId: string): { yesUrl: string; noUrl: string } {
    const page = `${this.baseUrl.replace(/\/$/, '')}/volunteer/answer/${this.tokenFor(callOutId)}`;
    return { yesUrl: `${page}?answer=yes`, noUrl: `${page}?answer=no` };
  }

  /** `<call-out id>.<until, base 36>.<signature>`: short enough for a path segment (routers cap them at 100 characters). */
  tokenFor(callOutId: string): string {
    const payload = `${callOutId}.${(this.clock().getTime() + LINK_DAYS * DAY_MS).toString(36)}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The call-out a token names, or undefined when it is forged, damaged or out of date. */
  callOutOf(token: string): string | undefined {
    const [callOutId, until, signature, ...rest] = token.split('.');
    if (!callOutId || !until || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(`${callOutId}.${until}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return parseInt(until, 36) > this.clock().getTime() ? callOutId : undefined;
  }

  /** 128 bits of HMAC-SHA-256: plenty against forging a link that answers one call-out. */
  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 16).toString('base64url');
  }
}
