import { EventEmitter } from 'node:events';
import { Client, type Pool } from 'pg';
import type { ActivityFeed } from '../domain/transcript.js';

/** The PostgreSQL channel instances announce new web chat activities on. */
const CHANNEL = 'lotsen_directline';
const RECONNECT_MS = 1_000;

/** One process's open streams, by conversation: enough for the embedded database, where one instance runs. */
export class LocalActivityFeed implements ActivityFeed {
  private readonly streams = new EventEmitter().setMaxListeners(0);

  async announce(conversationId: string): Promise<void> {
    this.wake(conversationId);
  }

  watch(conversationId: string, wake: () => void): () => void {
    this.streams.on(conversationId, wake);
    return () => this.streams.off(conversationId, wake);
  }

  async close(): Promise<void> {
    this.streams.removeAllListeners();
  }

  protected wake(conversationId: string): void {
    this.streams.emit(conversationId);
  }

  /** Every open stream reads again: after a gap in which announcements may have been missed. */
  protected wakeAll(): void {
    for (const conversationId of this.streams.eventNames()) this.streams.emit(conversationId);
  }
}

/**
 * Across instances on one PostgreSQL: an announcement is a NOTIFY (delivered at once to every
 * instance LISTENing, this one included), received on one connection per instance that is kept
 * open and reopened when lost. After a reconnection every stream reads again, so an announcement
 * made while the connection was down is never missed; a failed NOTIFY wakes this instance's streams.
 */
export class PostgresActivityFeed extends LocalActivityFeed {
  private listener?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly pool: Pool,
    private readonly onConnectionError: (error: Error) => void,
  ) {
    super();
  }

  async start(): Promise<this> {
    await this.listen();
    return this;
  }

  override async announce(conversationId: string): Promise<void> {
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, conversationId]);
    } catch (error) {
      this.onConnectionError(error instanceof Error ? error : new Error(String(error)));
      this.wake(conversationId);
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await super.close();
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, application_name: 'lotsen-feed' });
    client.on('notification', (message) => message.payload && this.wake(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private lost(client: Client, error?: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    if (error) this.onConnectionError(error);
    const reconnect = () => {
      if (this.closed) return;
      this.listen().then(
        () => this.wakeAll(),
        () => (this.retry = setTimeout(reconnect, RECONNECT_MS)),
      );
    };
    this.retry = setTimeout(reconnect, RECONNECT_MS);
  }
}
