import type { Request, Response, Server } from 'restify';
import { DirectLineError, type DirectLineService } from '../channels/directline/directline-service.js';
import { RateLimiter } from './rate-limit.js';
import { sendError } from './http-errors.js';

const PREFIX = '/v3/directline';

/** Direct Line 3.0 at /v3/directline, with the paths and shapes of Azure's (CONTRACTS.md). */
export function mountDirectLine(server: Server, directLine: DirectLineService): void {
  // Generous for people, tight for scripts: a token per IP every few seconds, a message a second.
  const tokensPerIp = new RateLimiter(30, 60_000);
  const postsPerConversation = new RateLimiter(40, 60_000);

  const bearer = (req: Request) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const handle = (work: (req: Request, res: Response) => Promise<unknown>, status = 200) => async (req: Request, res: Response) => {
    try {
      res.status(status);
      res.json(await work(req, res));
    } catch (error) {
      if (!(error instanceof DirectLineError)) throw error;
      sendError(res, error.status, error.message, error.code);
    }
  };
  const limited = (limiter: RateLimiter, key: (req: Request) => string, work: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    if (!limiter.allow(key(req))) {
      res.header('Retry-After', '60');
      return sendError(res, 429, 'Too many requests; wait a minute', 'RATE_LIMITED');
    }
    return work(req, res);
  };
  const conversationOf = (req: Request) => String(req.params.conversationId ?? '');

  server.post(`${PREFIX}/tokens/generate`, limited(tokensPerIp, (req) => req.socket.remoteAddress ?? 'unknown', handle(async (req) => directLine.generate(req.body))));
  server.post(`${PREFIX}/tokens/refresh`, handle(async (req) => directLine.refresh(bearer(req))));
  server.post(`${PREFIX}/conversations`, handle(async (req) => directLine.start(bearer(req)), 201));
  server.get(`${PREFIX}/conversations/:conversationId/activities`, handle(async (req) => directLine.activities(bearer(req), conversationOf(req), typeof req.query?.watermark === 'string' ? req.query.watermark : undefined)));
  server.post(
    `${PREFIX}/conversations/:conversationId/activities`,
    limited(postsPerConversation, conversationOf, handle(async (req) => directLine.post(bearer(req), conversationOf(req), req.body))),
  );
  server.post(`${PREFIX}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
    sendError(res, 400, 'Uploads are not supported: describe it in text instead', 'UPLOADS_NOT_SUPPORTED');
  });
}
