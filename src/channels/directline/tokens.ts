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
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ conversationId, ...(locale ? { locale } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.lifetimeSeconds)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token (signed with the secret, or the previous one during a rotation), or undefined. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    return (await this.verifyWith(token, this.key)) ?? (this.previousKey ? this.verifyWith(token, this.previousKey) : undefined);
  }

  private async verifyWith(token: string, key: Uint8Array): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: this.now() });
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
