import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret someone sent equals the expected one, in constant time (a compare that stops
 * at the first difference tells a guesser how much they got right).
 */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
