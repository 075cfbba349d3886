import type { IncomingMessage } from 'node:http';
import { clientAddressOf } from '../../src/server/client-address';

const request = (socketAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: socketAddress },
    connection: { remoteAddress: socketAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('the client address', () => {
  it('when no proxy is trusted, then X-Forwarded-For is ignored (anyone can write it)', () => {
    expect(clientAddressOf([])(request('198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
  });

  it('when the request comes through a trusted proxy, then the address it forwarded is the client, not the proxy', () => {
    const behindProxy = clientAddressOf(['10.0.0.0/8']);
    expect(behindProxy(request('10.0.0.2', '203.0.113.1'))).toBe('203.0.113.1');
    expect(behindProxy(request('10.0.0.2', '203.0.113.2'))).toBe('203.0.113.2');
  });

  it('when a client forges X-Forwarded-For through the trusted proxy, then only the hop the proxy saw counts', () => {
    expect(clientAddressOf(['10.0.0.0/8'])(request('10.0.0.2', '1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressOf(['10.0.0.0/8'])(request('198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7'); // not via the proxy
  });
});
