import { TokenSigner } from '../../src/channels/directline/tokens';

describe('Direct Line tokens', () => {
  let now = new Date('2026-11-22T10:00:00Z');
  const signer = new TokenSigner('a-shared-secret-of-at-least-32-characters', 1800, () => now);

  it('when a token is issued, then it opens its conversation (with the page language) until it expires', async () => {
    const token = await signer.issue('conversation-1', 'en');
    expect(await signer.verify(token)).toEqual({ conversationId: 'conversation-1', expiresAt: now.getTime() / 1000 + 1800, locale: 'en' });
    now = new Date(now.getTime() + 1799_000);
    expect((await signer.verify(token))?.conversationId).toBe('conversation-1');
    now = new Date(now.getTime() + 1_000);
    expect(await signer.verify(token)).toBeUndefined();
  });

  it('when a token is altered, unsigned or signed with another secret, then it is refused', async () => {
    now = new Date('2026-11-22T10:00:00Z');
    const token = await signer.issue('conversation-2');
    const [header, , signature] = token.split('.');
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forgedPayload = encode({ conversationId: 'someone-else', exp: 9_999_999_999, iss: 'lotsen', aud: 'lotsen:directline' });
    expect(await signer.verify(`${header}.${forgedPayload}.${signature}`)).toBeUndefined();
    expect(await signer.verify(`${encode({ alg: 'none', typ: 'JWT' })}.${forgedPayload}.`)).toBeUndefined();
    expect(await new TokenSigner('another-secret-that-is-also-long-enough', 1800, () => now).verify(token)).toBeUndefined();
    for (const garbage of ['', 'dl1', 'dl1..', 'Bearer x', `${token}x`, `${token}.extra`]) expect(await signer.verify(garbage)).toBeUndefined();
  });

  it('when the secret is rotated, then tokens of the previous secret still open their conversation, and new tokens use the new one', async () => {
    now = new Date('2026-11-22T10:00:00Z');
    const before = await signer.issue('conversation-3');
    const rotated = new TokenSigner('the-new-shared-secret-of-at-least-32-chars', 1800, () => now, 'a-shared-secret-of-at-least-32-characters');
    expect((await rotated.verify(before))?.conversationId).toBe('conversation-3');
    const after = await rotated.issue('conversation-4');
    expect(await signer.verify(after)).toBeUndefined();
    expect(await new TokenSigner('the-new-shared-secret-of-at-least-32-chars', 1800, () => now).verify(before)).toBeUndefined();
  });
});
