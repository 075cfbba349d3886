import type { LotsenServer } from '../server/create-server.js';

/**
 * Stops taking requests and lets those under way finish, for at most `graceMs`; then closes
 * whatever connections are left (a long poll, a stuck client) so the process can end. Open
 * web chat streams are closed at once.
 */
export async function stopServer({ server, inFlight, streams }: LotsenServer, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Web chat streams are not requests: told to go away, they reconnect to an instance still running.
  streams.close();
  server.server.closeIdleConnections();
  const deadline = Date.now() + graceMs;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  server.server.closeAllConnections();
  await closed;
}
