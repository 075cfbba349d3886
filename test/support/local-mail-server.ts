import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as it came over the wire (headers and body). */
  readonly raw: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives (there is no mail server here), and
 * can refuse the next messages with given reply codes, as a busy or strict server would.
 */
export class LocalMailServer {
  readonly received: ReceivedMail[] = [];
  readonly refusals: number[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = this.refusals.shift();
        if (refusal !== undefined) return callback(Object.assign(new Error(`Refused for the test (${refusal})`), { responseCode: refusal }));
        const envelope = session.envelope;
        this.received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        return callback();
      });
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Refuses the next messages with these SMTP reply codes (451: try later; 550: no such mailbox). */
  refuseNext(...codes: number[]): this {
    this.refusals.push(...codes);
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
