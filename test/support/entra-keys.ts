import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const CLIENT_ID = '99999999-8888-4777-8666-555555555555';

/**
 * A local stand-in for Entra ID's signing keys: an RSA key pair whose public half is served as a
 * JWKS on loopback (what login.microsoftonline.com publishes), and tokens signed with it.
 */
export class LocalEntra {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly server: Server,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<LocalEntra> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'local-key-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new LocalEntra(privateKey, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`);
  }

  /** A v2 access token as Teams SSO hands the tab; `claims` and `options` change any part of it. */
  async token(
    claims: Record<string, unknown> = {},
    options: { expiresAt?: number; key?: KeyLike; tenantId?: string; audience?: string } = {},
  ): Promise<string> {
    const tenantId = options.tenantId ?? TENANT_ID;
    const expiresAt = options.expiresAt ?? Math.floor(Date.now() / 1000) + 3600;
    return new SignJWT({ tid: tenantId, ver: '2.0', name: 'Sara Staff', oid: '00000000-0000-4000-8000-0000000000aa', scp: 'access_as_user', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-key-1', typ: 'JWT' })
      .setIssuer(`https://login.microsoftonline.com/${tenantId}/v2.0`)
      .setAudience(options.audience ?? CLIENT_ID)
      .setIssuedAt(expiresAt - 3600)
      .setExpirationTime(expiresAt)
      .sign(options.key ?? this.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
