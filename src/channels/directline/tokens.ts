import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export interface TokenClaims {
  /** The one conversation the token opens. */
  readonly conversationId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** The page's language, so the greeting is in it. */
  readonly locale?: string;
}

const ISSUER = 'lotsen';
const AUDIENCE = 'lotsen:directline';
/** A token that opens one conversation's WebSocket stream, and nothing else, for a minute: it travels in a URL. */
const STREAM_AUDIENCE = 'lotsen:directline:stream';
const STREAM_LIFETIME_SECONDS = 60;
const Claims = z.object({ conversationId: z.string().min(1).max(100), exp: z.number(), locale: z.string().max(20).optional() });

/**
 * Direct Line tokens: JWTs (HS256 with a secret every instance shares, through `jose`), expiring
 * and bound to one conversation. Stateless, so any instance can check any token.
 */
export class TokenSigner {
  private readonly key: Uint8Array;
  /** During a rotation, tokens signed with the previous secret are still accepted (new ones are signed with the current). */
  private readonly previousKey?: Uint8Array;

  constructor(
    secret: string,
    private readonly lifetimeSeconds = 1800,
    private readonly now: () => Date = () => new Date(),
    previousSecret?: string,
  ) {
    this.key = new TextEncoder().encode(secret);
    if (previousSecret) this.previousKey = new TextEncoder().encode(previousSecret);
  }

  get lifetime(): number {
    return this.lifetimeSeconds;
  }

  issue(conversationId: string, locale?: string): Promise<string> {
    return this.sign({ conversationId, ...(locale ? { locale } : {}) }, AUDIENCE, this.lifetimeSeconds);
  }

  /** A short-lived token for the conversation's stream URL, so the conversation's own token never appears in a URL (and a proxy's access log). */
  issueStreamToken(conversationId: string): Promise<string> {
    return this.sign({ conversationId }, STREAM_AUDIENCE, STREAM_LIFETIME_SECONDS);
  }

  /** The claims of a valid, unexpired token (signed with the secret, or the previous one during a rotation), or undefined. */
  async verify(token: string, audience = AUDIENCE): Promise<TokenClaims | undefined> {
    return (await this.verifyWith(token, this.key, audience)) ?? (this.previousKey ? this.verifyWith(token, this.previousKey, audience) : undefined);
  }

  verifyStreamToken(token: string): Promise<TokenClaims | undefined> {
    return this.verify(token, STREAM_AUDIENCE);
  }

  private sign(claims: Record<string, string>, audience: string, lifetimeSeconds: number): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .sign(this.key);
  }

  private async verifyWith(token: string, key: Uint8Array, audience: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience, algorithms: ['HS256'], currentDate: this.now() });
      const claims = Claims.safeParse(payload);
      if (!claims.success) return undefined;
      const { conversationId, exp, locale } = claims.data;
      return { conversationId, expiresAt: exp, ...(locale ? { locale } : {}) };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
  }
}
