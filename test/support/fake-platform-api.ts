import { RecordingServer, type RecordedCall } from './recording-server';

export type PlatformCall = RecordedCall;

/**
 * One local stand-in for the messaging platforms' APIs (Telegram Bot API, Graph API, LINE,
 * Slack Web API, Twilio): records every call and answers with the shape each client expects.
 */
export class FakePlatformApi extends RecordingServer {
  constructor() {
    super((call) => ({ status: 200, body: answerFor(call.path) }));
  }

  /** Calls whose path contains `part`, e.g. "sendMessage". */
  callsTo(part: string): PlatformCall[] {
    return this.calls.filter((call) => call.path.includes(part));
  }
}

function answerFor(path: string): unknown {
  if (path.startsWith('/bot')) return { ok: true, result: path.includes('sendMessage') ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } : true };
  if (path.includes('/me/messages')) return { recipient_id: '1', message_id: 'm_1' };
  if (path.startsWith('/api/')) return { ok: true, channel: 'D1', ts: '1.2' };
  if (path.includes('/Messages.json')) return { sid: 'SM1', status: 'queued' };
  return {};
}
