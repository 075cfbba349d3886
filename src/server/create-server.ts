import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { BotFrameworkAdapter } from '../channels/bot-framework.js';
import { carriedBy } from '../channels/turn-request.js';
import { describeInvalidActivity } from '../channels/inbound-activity.js';
import { errorBody } from '../domain/errors.js';
import { CODE_BY_STATUS, sendError } from './http-errors.js';
import type { NoticeSettings } from './notices/privacy-notice.js';
import { mountPages } from './pages.js';
import { mountDirectLine } from './directline-routes.js';
import { mountDirectLineStreams, type DirectLineStreams } from './directline-streams.js';
import type { ActivityFeed } from '../domain/transcript.js';
import type { DirectLineService } from '../channels/directline/directline-service.js';
import { mountStaffApi, type StaffApiDeps } from './staff-api.js';
import { mountVolunteerApi, type VolunteerApiDeps } from './volunteer-api.js';
import { mountVolunteerAnswers, type VolunteerAnswerDeps } from './volunteer-answers.js';
import { mountStaffTab, type StaffTabOptions } from './staff-tab.js';
import { mountWebhooks, type WebhookHandler } from './webhook-routes.js';
import { clientAddressOf } from './client-address.js';
import { requestKind, type RequestKind } from './request-kind.js';
import { runInRequest, startRequestSpan } from './request-context.js';
import { WebOrigins } from './web-origins.js';

/** What the server tells the metrics of each request: what it was, its status, and how long it took. */
export interface HttpMetrics {
  observe(kind: RequestKind, status: number, seconds: number): void;
}

export interface ServerDeps {
  readonly adapter: BotFrameworkAdapter;
  readonly bot: ActivityHandler;
  /** Readiness: true when the database answers. */
  readonly isReady: () => Promise<boolean>;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** False in development mode (no MicrosoftAppId), as with the Emulator. */
  readonly authenticationEnabled: boolean;
  readonly staff: StaffApiDeps;
  /** The coordinators' volunteer API, when the catalog has a volunteer register. */
  readonly volunteers?: VolunteerApiDeps;
  /** Volunteers' answers by e-mailed link and by SMS, when the catalog has a volunteer register. */
  readonly volunteerAnswers?: VolunteerAnswerDeps;
  readonly staffTab: StaffTabOptions;
  readonly directLine: DirectLineService;
  /** Word of new web chat activities from every instance, which wakes the web chats' WebSocket streams. */
  readonly activityFeed: ActivityFeed;
  /** The messaging apps' webhooks (none when no platform is configured). */
  readonly webhooks: WebhookHandler;
  /** The public address, as platforms that sign it (Twilio) called it. */
  readonly publicBaseUrl?: string;
  /** The municipality's pages that may start a web chat and embed Lotsen's page (ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
  readonly trustedProxies: readonly string[];
  /** The facts the privacy notice and the accessibility statement are written from. */
  readonly notices: NoticeSettings;
  /** Prometheus: what each request adds, and the text `GET /metrics` answers with. */
  readonly metrics: { readonly http: HttpMetrics; readonly scrape: () => Promise<{ contentType: string; body: string }> };
}

/** The longest path segment (an id) and URL accepted: no id Lotsen knows is longer. */
export const MAX_SEGMENT_LENGTH = 400;
const MAX_URL_LENGTH = 2_048;
/** A request id taken from the caller: short, and nothing that could forge a log line. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** How much of a path the request log keeps. */
const LOGGED_PATH_LENGTH = 200;

/** The HTTP server plus what graceful shutdown needs: how many requests are still running, and the open web chat streams. */
export interface LotsenServer {
  readonly server: Server;
  inFlight(): number;
  readonly streams: DirectLineStreams;
}

/** Builds Lotsen's HTTP server. It never listens: `src/index.ts` and the tests do. */
export function createServer(deps: ServerDeps): LotsenServer {
  // restify's own logger would write whole requests (bodies included) on formatter errors: silenced; we log requests below, without bodies.
  const server = restify.createServer({
    name: 'lotsen',
    handleUncaughtExceptions: false,
    log: deps.logger.child({ component: 'restify' }, { level: 'silent' }) as never,
  });
  let inFlight = 0;
  const requestSpans = new WeakMap<Request, Span>();

  server.pre((req, res, next) => {
    inFlight += 1;
    const started = process.hrtime.bigint();
    // The caller's request id (a proxy's, another service's) when it is a sane one, else ours: returned, and in every log line of the request.
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    // restify takes the id once (its types leave the setter out), so every later req.id() agrees.
    (req as unknown as { id(id: string): string }).id(requestId);
    res.header('X-Request-Id', requestId);
    const kind = requestKind(req.method, req.getPath());
    const span = startRequestSpan(req.method, kind, req.headers);
    res.once('close', () => {
      inFlight -= 1;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics.http.observe(kind, res.statusCode, seconds);
      if (span) {
        const route = req.getRoute()?.path;
        if (kind === 'other') span.updateName(`${req.method} ${typeof route === 'string' ? route : 'unrouted'}`);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      // Web chat polls come every second per open chat: at debug, or they would be most of the log.
      const level = kind === 'poll' ? 'debug' : 'info';
      // Path only: no bodies, no query strings (they may carry tokens), no personal data.
      deps.logger[level](
        {
          reqId: requestId,
          method: req.method,
          path: req.getPath().slice(0, LOGGED_PATH_LENGTH),
          status: res.statusCode,
          ms: seconds * 1000,
        },
        'request',
      );
    });
    res.header('X-Content-Type-Options', 'nosniff');
    if (deps.publicBaseUrl?.startsWith('https:')) res.header('Strict-Transport-Security', 'max-age=31536000');
    if (span) requestSpans.set(req, span);
    return next();
  });
  server.pre(rejectLongUrl);
  server.pre(rejectOversizedBody(deps.maxBodyBytes));
  server.pre(rejectEncodedBody);
  server.use(restify.plugins.bodyReader({ maxBodySize: deps.maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // The handler runs with the request's id and span in context, for every log line and database
  // span it causes. Entered here, after the body is read: a context entered before that would be
  // lost, since the body reader continues from the request stream's events.
  server.use((req, _res, next) => runInRequest(req.id(), requestSpans.get(req), () => next()));

  // Every error restify raises itself (404, 405, bad JSON, body too large) leaves in our shape.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    // A plain error (a bug, a database refusal) is sent as ours, never as restify's InternalError(String(err)), which would leak its text.
    if (typeof err.statusCode !== 'number') err.statusCode = 500;
    const status = err.statusCode;
    const message = status >= 500 ? 'Internal error' : err.message.replace(/^Invalid JSON: .*/, 'The body is not valid JSON');
    if (status >= 500) deps.logger.error({ reqId: req.id(), err: err }, 'request failed');
    err.toJSON = () => errorBody(CODE_BY_STATUS[status] ?? 'ERROR', message);
    return callback();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const { contentType, body } = await deps.metrics.scrape();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (await deps.isReady()) res.json({ status: 'ready' });
    else sendError(res, 503, 'The database does not answer');
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    // botbuilder answers a bad token itself; a missing one is refused here in our JSON shape.
    if (deps.authenticationEnabled && !req.headers.authorization) return sendError(res, 401, 'A Bot Framework token is required');
    if (!req.is('json')) return sendError(res, 415, 'Send the activity as application/json');
    const problem = describeInvalidActivity(req.body);
    if (problem) return sendError(res, 400, `Invalid activity: ${problem}`, 'INVALID_ACTIVITY');
    const activity = req.body as Activity;
    deps.logger.debug({ reqId: req.id(), conversationId: activity.conversation.id, activityId: activity.id, type: activity.type }, 'turn started');
    let answer;
    try {
      answer = await deps.adapter.runTurn(
        req.headers.authorization ?? '',
        activity,
        carriedBy(req.id(), (context) => deps.bot.run(context)),
      );
    } catch (error) {
      // botbuilder's AuthenticationError: a token that is not the Bot Framework's for this bot.
      if ((error as { statusCode?: unknown }).statusCode === 401) return sendError(res, 401, 'The Bot Framework token was refused');
      throw error;
    }
    if (answer?.body === undefined) return res.send(answer?.status ?? 200);
    res.send(answer.status, answer.body);
  });

  mountStaffApi(server, deps.staff);
  if (deps.volunteers) mountVolunteerApi(server, deps.volunteers);
  if (deps.volunteerAnswers) mountVolunteerAnswers(server, deps.volunteerAnswers);
  const origins = new WebOrigins(deps.allowedOrigins, deps.publicBaseUrl ? new URL(deps.publicBaseUrl).origin : undefined);
  const streams = mountDirectLineStreams(server.server, deps.directLine, deps.activityFeed, origins);
  mountDirectLine(server, deps.directLine, {
    clientAddress: clientAddressOf(deps.trustedProxies),
    origins,
    ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
  });
  mountWebhooks(server, deps.webhooks, deps.publicBaseUrl);
  mountPages(server, origins, deps.notices);
  mountStaffTab(server, deps.staffTab);

  return { server, inFlight: () => inFlight, streams };
}

/**
 * Refuses compressed bodies: no client of Lotsen sends them, and restify's body reader pipes
 * them into zlib without an error listener, so a broken one would crash the process.
 */
function rejectEncodedBody(req: Request, res: Response, next: (proceed?: boolean) => void): void {
  if (req.headers['content-encoding'] === undefined) return next();
  res.header('Connection', 'close');
  sendError(res, 415, 'Compressed request bodies are not accepted');
  return next(false);
}

/**
 * Refuses absurd URLs before any route sees them: ids are short, and a flood of 12,000-character
 * conversation ids once filled the heap through what was kept per id.
 */
function rejectLongUrl(req: Request, res: Response, next: (proceed?: boolean) => void): void {
  const url = req.url ?? '';
  if (
    url.length <= MAX_URL_LENGTH &&
    url
      .split('?')[0]!
      .split('/')
      .every((segment) => segment.length <= MAX_SEGMENT_LENGTH)
  )
    return next();
  sendError(res, 414, `The address is too long (at most ${MAX_SEGMENT_LENGTH} characters between slashes)`);
  return next(false);
}

/** Refuses a declared oversized body before reading it (the body reader checks only at the end). */
function rejectOversizedBody(maxBodyBytes: number) {
  return (req: Request, res: Response, next: (err?: false) => void) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      res.header('Connection', 'close');
      sendError(res, 413, `The body is larger than ${maxBodyBytes} bytes`);
      return next(false);
    }
    return next();
  };
}
