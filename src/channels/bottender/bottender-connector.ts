import { BAD_SIGNATURE, refusal, type WebhookRequest, type WebhookResponse } from './messaging-platform.js';

/** What Lotsen uses of a bottender connector (bottender's own types are loose and partly wrong). */
export interface BottenderConnector<Event, Context> {
  readonly client: { axios: { defaults: { timeout: number } } };
  preprocess(
    request: Record<string, unknown>,
  ): { shouldNext: boolean; response?: { status: number; body: unknown } } | Promise<{ shouldNext: boolean; response?: { status: number; body: unknown } }>;
  mapRequestToEvents(body: Record<string, unknown>): Event[];
  getUniqueSessionKey(bodyOrEvent: unknown): string | null | undefined;
  updateSession(session: Record<string, unknown>, bodyOrEvent: unknown): Promise<void>;
  createContext(options: { event: Event; session: Record<string, unknown> }): Context | Promise<Context>;
}

/** Platform APIs that hang must not hold a turn forever (bottender sets no timeout). */
const PLATFORM_API_TIMEOUT_MS = 10_000;

/** Builds bottender's connector from `file` (e.g. "telegram/TelegramConnector"), its client with our timeout. */
export function createConnector<Event, Context>(file: string, options: Record<string, unknown>): BottenderConnector<Event, Context> {
  const Connector = loadBottender<new (options: Record<string, unknown>) => BottenderConnector<Event, Context>>(file);
  const connector = new Connector(options);
  connector.client.axios.defaults.timeout = PLATFORM_API_TIMEOUT_MS;
  return connector;
}

/**
 * Loads one bottender file on first use. bottender (last release 2021) is heavy and old, so
 * nothing of it is in memory unless a platform is configured (README: messaging apps).
 */
function loadBottender<T>(file: string): T {
  return (loadLazily(`bottender/dist/${file}`) as { default: T }).default;
}

/** `require` at the moment of use, for the messaging apps' packages only. */
export function loadLazily(moduleId: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(moduleId);
}

/** bottender's Bot camel-cases a body before its connectors read it; so do we. */
export function camelCased(body: Record<string, unknown>): Record<string, unknown> {
  const { camelcaseKeysDeep } = loadLazily('messaging-api-common') as { camelcaseKeysDeep: (value: unknown) => Record<string, unknown> };
  return camelcaseKeysDeep(body);
}

/**
 * Runs a connector's preprocess step (verification handshakes, signature checks). Its refusals
 * (a 400 echoing the body, or a throw on a malformed header) become our 401 without an echo.
 */
export async function preprocessed<Event, Context>(
  connector: BottenderConnector<Event, Context>,
  request: WebhookRequest,
): Promise<WebhookResponse | undefined> {
  let result: Awaited<ReturnType<typeof connector.preprocess>>;
  try {
    result = await connector.preprocess({ ...request, params: {}, path: new URL(request.url).pathname });
  } catch {
    return BAD_SIGNATURE;
  }
  if (result.shouldNext) return undefined;
  const status = result.response?.status ?? 400;
  if (status === 400) return BAD_SIGNATURE;
  if (status >= 400) return refusal(status, 'FORBIDDEN', 'The verification failed');
  return { status, body: result.response?.body ?? '' };
}

/** A new session object for one event: bottender's connectors fill in the ids they need. */
export async function sessionFor<Event, Context>(
  connector: BottenderConnector<Event, Context>,
  bodyOrEvent: unknown,
  platform: string,
): Promise<{ key: string; session: Record<string, unknown> } | undefined> {
  const key = connector.getUniqueSessionKey(bodyOrEvent);
  if (!key) return undefined;
  const session: Record<string, unknown> = { id: `${platform}:${key}`, platform };
  await connector.updateSession(session, bodyOrEvent);
  return { key: String(key), session };
}
