import { handoffScript, residentMessage } from './resident-script';

/** What a resident says, turn by turn, to hand a case to the anhörigkonsulent (the script the benchmarks walk too); the last turn confirms. */
export const HANDOFF_TURNS: readonly string[] = handoffScript().map((step) => step.say);

export interface ConfirmedHandoff {
  readonly id: string;
  readonly reference: string;
}

interface ReplyActivity {
  type: string;
  text?: string;
  channelData?: { lotsen?: { expecting?: string; handoff?: ConfirmedHandoff } };
}

export interface Turn {
  readonly status: number;
  readonly texts: string[];
  /** `channelData.lotsen.handoff` of the reply that confirms a registration, if one does. */
  readonly handoff?: ConfirmedHandoff;
  /** `channelData.lotsen.expecting` of the last reply that asks something. */
  readonly expecting?: string;
  readonly ms: number;
}

/** One turn over POST /api/messages; rejects when the connection fails (the service died). */
export async function say(baseUrl: string, conversationId: string, text: string, timeoutMs = 60_000): Promise<Turn> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(residentMessage(text, conversationId)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => undefined)) as { activities?: ReplyActivity[] } | undefined;
  const replies = (body?.activities ?? []).filter((activity) => activity.type === 'message');
  const handoff = replies.find((reply) => reply.channelData?.lotsen?.handoff)?.channelData?.lotsen?.handoff;
  const expecting = [...replies].reverse().find((reply) => reply.channelData?.lotsen?.expecting)?.channelData?.lotsen?.expecting;
  return {
    status: response.status,
    texts: replies.map((reply) => reply.text ?? ''),
    ms: Date.now() - started,
    ...(handoff ? { handoff } : {}),
    ...(expecting ? { expecting } : {}),
  };
}

/** Says each text in turn (each waits for the previous reply) and returns every turn. */
export async function converse(baseUrl: string, conversationId: string, texts: readonly string[]): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const text of texts) turns.push(await say(baseUrl, conversationId, text));
  return turns;
}

/** Every `LOTS-yyyy-nnnnnn` reference in a text or JSON. */
export const referencesIn = (text: string): string[] => text.match(/LOTS-\d{4}-\d{6,}/g) ?? [];

/** Polls until `check` returns a value (not undefined), or fails with `describe()` after the deadline. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, describe: () => string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** /readyz's status, or 0 when nothing answers. */
export async function readiness(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}
