import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The one conversation the token opens. */
  readonly conversationId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** The page's language, so the greeting is in it. */
  readonly locale?: string;
}

/**
 * Direct Line tokens: signed (HMAC-SHA256 with a secret every instance shares), expiring, and
 * bound to one conversation. Stateless, so any instance can check any token.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly lifetimeSeconds = 1800,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get lifetime(): number {
    return this.lifetimeSeconds;
  }

  issue(conversationId: string, locale?: string): string {
    const claims: TokenClaims = { conversationId, expiresAt: Math.floor(this.now().getTime() / 1000) + this.lifetimeSeconds, ...(locale ? { locale } : {}) };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `dl1.${payload}.${this.sign(payload)}`;
  }

  /** The claims of a valid, unexpired token, or undefined. */
  verify(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [version, payload, signature] = parts;
    if (version !== 'dl1' || !payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.conversationId !== 'string' || typeof claims.expiresAt !== 'number') return undefined;
      return claims.expiresAt > this.now().getTime() / 1000 ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
