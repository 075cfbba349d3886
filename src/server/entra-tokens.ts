import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { StaffIdentity } from '../domain/staff/staff-access.js';

export interface EntraTokenOptions {
  /** The municipality's tenant: only its tokens are accepted. */
  readonly tenantId: string;
  /** The tab's app registration: its client id and Application ID URI (`api://…`). */
  readonly audiences: readonly string[];
  /** Where the tenant's signing keys are published (overridable for tests and sovereign clouds). */
  readonly jwksUrl?: string;
}

/**
 * The v2 claims Lotsen uses; a token without them is not a person's token. A person's (delegated)
 * token carries the scopes they consented to (`scp`); an app-only token (a daemon, a script with
 * a client secret) has none and says `idtyp: app`, and must not act as staff, whatever roles it has.
 */
const Claims = z.object({
  tid: z.string(),
  oid: z.string().min(1),
  scp: z.string().min(1),
  idtyp: z.enum(['user']).optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  groups: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  ver: z.literal('2.0'),
});

const CLOCK_SKEW_SECONDS = 60;

/**
 * Validates an Entra ID v2 access token (Teams tab SSO): RS256 signature against the tenant's
 * JWKS, issuer, audience, expiry and tenant. Resolves the person, or undefined for any token
 * that fails a check: the caller answers 401 without saying which check, as a guesser learns less.
 * Keys that cannot be fetched are not the token's fault: that error is thrown (a 5xx).
 */
export function entraTokenVerifier(options: EntraTokenOptions, keys?: JWTVerifyGetKey): (token: string) => Promise<StaffIdentity | undefined> {
  const jwks = keys ?? createRemoteJWKSet(new URL(options.jwksUrl ?? `https://login.microsoftonline.com/${options.tenantId}/discovery/v2.0/keys`));
  const issuer = `https://login.microsoftonline.com/${options.tenantId}/v2.0`;
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience: [...options.audiences],
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      const claims = Claims.safeParse(payload);
      if (!claims.success || claims.data.tid !== options.tenantId) return undefined;
      const { oid, name, preferred_username, groups = [], roles = [] } = claims.data;
      return { id: oid, name: name ?? preferred_username ?? oid, groups, roles };
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout) && !(error instanceof errors.JWKSInvalid)) return undefined;
      throw error;
    }
  };
}
