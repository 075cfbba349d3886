import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's IP address: the connecting one, or, when it is a proxy listed in TRUST_PROXY, the
 * address that proxy forwarded (X-Forwarded-For, read from the right, trusting only listed hops).
 * Behind the municipality's TLS proxy every resident would otherwise share the proxy's address.
 */
export function clientAddressOf(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  const trust = proxyaddr.compile([...trustedProxies]);
  return (req) => proxyaddr(req, trust);
}
