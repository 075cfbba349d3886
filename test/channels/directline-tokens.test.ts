import { TokenSigner } from '../../src/channels/directline/tokens';

describe('Direct Line tokens', () => {
  let now = new Date('2026-11-22T10:00:00Z');
  const signer = new TokenSigner('a-shared-secret-of-at-least-32-characters', 1800, () => now);

  it('when a token is issued, then it opens its conversation (with the page language) until it expires', () => {
    const token = signer.issue('conversation-1', 'en');
    expect(signer.verify(token)).toEqual({ conversationId: 'conversation-1', expiresAt: now.getTime() / 1000 + 1800, locale: 'en' });
    now = new Date(now.getTime() + 1799_000);
    expect(signer.verify(token)?.conversationId).toBe('conversation-1');
    now = new Date(now.getTime() + 1_000);
    expect(signer.verify(token)).toBeUndefined();
  });

  it('when a token is altered or signed with another secret, then it is refused', () => {
    const token = signer.issue('conversation-2');
    const [version, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ conversationId: 'someone-else', expiresAt: 9_999_999_999 })).toString('base64url');
    expect(signer.verify(`${version}.${forgedPayload}.${signature}`)).toBeUndefined();
    expect(new TokenSigner('another-secret-that-is-also-long-enough', 1800, () => now).verify(token)).toBeUndefined();
    for (const garbage of ['', 'dl1', 'dl1..', 'Bearer x', `dl2${token.slice(3)}`]) expect(signer.verify(garbage)).toBeUndefined();
  });
});
