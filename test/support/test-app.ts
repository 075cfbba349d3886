import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app/create-app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/app/logger';
import { residentMessage } from './resident-script';

export interface RunningApp {
  readonly app: App;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Lotsen as `npm start` builds it, on a random port, against `databaseUrl`; logs silenced, or
 * (with `logs`) each log line at warn and above collected there, parsed.
 */
export async function startApp(databaseUrl: string, env: NodeJS.ProcessEnv = {}, logs?: Record<string, unknown>[]): Promise<RunningApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env, DATABASE_URL: databaseUrl, PORT: '0' });
  const logger = logs
    ? createLogger(env.LOG_LEVEL ?? 'warn', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) })
    : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const app = await createApp(config, logger);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, stop: () => app.stop(2_000) };
}

let sequence = 0;

/** A resident's message (see resident-script.js) on a conversation of its own unless one is given. */
export const message = (text: string, conversationId = `conversation-${process.pid}-${++sequence}`): Record<string, unknown> =>
  residentMessage(text, conversationId);

/** Posts an activity to /api/messages and returns the status and the message replies. */
export async function postActivity(baseUrl: string, activity: unknown): Promise<{ status: number; texts: string[]; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const body: unknown = await response.json().catch(() => undefined);
  const activities = (body as { activities?: { type: string; text?: string }[] } | undefined)?.activities ?? [];
  return { status: response.status, body, texts: activities.filter((reply) => reply.type === 'message').map((reply) => reply.text ?? '') };
}
