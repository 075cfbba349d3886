import type { Request, Response, Server } from 'restify';
import { bearerToken } from '../channels/credentials.js';
import { DirectLineError, type ConversationGrant, type DirectLineService } from '../channels/directline/directline-service.js';
import { RateLimiter } from './rate-limit.js';
import { sendError } from './http-errors.js';
import type { WebOrigins } from './web-origins.js';

const PREFIX = '/v3/directline';

export interface DirectLineRouteOptions {
  /** The resident's IP address (proxy-aware), for the token budget. */
  readonly clientAddress: (req: Request) => string;
  readonly origins: WebOrigins;
  /** Lotsen's public address (PUBLIC_BASE_URL), where the streams are reached; else the address a request came to. */
  readonly publicBaseUrl?: string;
}

/** Direct Line 3.0 at /v3/directline, with the paths and shapes of Azure's (CONTRACTS.md). */
export function mountDirectLine(server: Server, directLine: DirectLineService, options: DirectLineRouteOptions): void {
  // Generous for people, tight for scripts: a token per IP every few seconds, a message a second.
  const tokensPerIp = new RateLimiter(30, 60_000);
  const postsPerConversation = new RateLimiter(40, 60_000);
  const tooMany = () => new DirectLineError(429, 'RATE_LIMITED', 'Too many requests; wait a minute');

  const bearer = (req: Request) => bearerToken(req.headers.authorization) ?? '';
  const handle =
    (work: (req: Request) => Promise<unknown>, status = 200) =>
    async (req: Request, res: Response) => {
      options.origins.allowCrossOrigin(req, res);
      try {
        // Another site's page may not start chats (and spend the residents' token budget) or read them.
        if (!options.origins.permits(req)) throw new DirectLineError(403, 'ORIGIN_NOT_ALLOWED', 'This page may not use the chat; see ALLOWED_ORIGINS');
        const result = await work(req);
        res.status(status);
        res.json(result);
      } catch (error) {
        if (!(error instanceof DirectLineError)) throw error;
        if (error.status === 429) res.header('Retry-After', '60');
        sendError(res, error.status, error.message, error.code);
      }
    };
  const conversationOf = (req: Request) => String(req.params.conversationId ?? '');
  const publicAddress = options.publicBaseUrl ? new URL(options.publicBaseUrl) : undefined;
  /** The grant with its stream's address: ws(s) at the public address, or at the one the request came to. */
  const withStream = async (req: Request, grant: ConversationGrant) => {
    const secure = publicAddress ? publicAddress.protocol === 'https:' : req.headers['x-forwarded-proto'] === 'https';
    const host = publicAddress ? publicAddress.host : req.headers.host;
    const watermark = typeof req.query?.watermark === 'string' && /^\d{1,18}$/.test(req.query.watermark) ? req.query.watermark : '-';
    const query = new URLSearchParams({ watermark, t: await directLine.streamToken(grant.conversationId) });
    return { ...grant, streamUrl: `${secure ? 'wss' : 'ws'}://${host}${PREFIX}/conversations/${encodeURIComponent(grant.conversationId)}/stream?${query}` };
  };

  server.opts(`${PREFIX}/*`, async (req: Request, res: Response) => {
    options.origins.allowCrossOrigin(req, res);
    res.send(options.origins.permits(req) ? 204 : 403);
  });
  server.post(
    `${PREFIX}/tokens/generate`,
    handle(async (req) => {
      if (!tokensPerIp.allow(options.clientAddress(req))) throw tooMany();
      return directLine.generate(req.body);
    }),
  );
  server.post(
    `${PREFIX}/tokens/refresh`,
    handle(async (req) => directLine.refresh(bearer(req))),
  );
  server.post(
    `${PREFIX}/conversations`,
    handle(async (req) => withStream(req, await directLine.start(bearer(req), req.id())), 201),
  );
  server.get(
    `${PREFIX}/conversations/:conversationId`,
    handle(async (req) => withStream(req, await directLine.reconnect(bearer(req), conversationOf(req)))),
  );
  server.get(
    `${PREFIX}/conversations/:conversationId/activities`,
    handle(async (req) => directLine.activities(bearer(req), conversationOf(req), typeof req.query?.watermark === 'string' ? req.query.watermark : undefined)),
  );
  server.post(
    `${PREFIX}/conversations/:conversationId/activities`,
    handle(async (req) => {
      // The token first: only the conversation's own resident can spend its budget (a stranger
      // who knows the id gets 401/403, not the power to lock the resident out with 429s).
      await directLine.authorise(bearer(req), conversationOf(req));
      if (!postsPerConversation.allow(conversationOf(req))) throw tooMany();
      return directLine.post(bearer(req), conversationOf(req), req.body, req.id());
    }),
  );
  server.post(`${PREFIX}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
    sendError(res, 400, 'Uploads are not supported: describe it in text instead', 'UPLOADS_NOT_SUPPORTED');
  });
}
