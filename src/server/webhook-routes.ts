import type { Request, Response, Server } from 'restify';
import type { WebhookRequest, WebhookResponse } from '../channels/bottender/messaging-platform.js';
import { jsonProblem } from '../domain/json-shape.js';
import { sendError } from './http-errors.js';

export interface WebhookHandler {
  /** Answers 404 for a platform that is not configured. */
  handle(platform: string, request: WebhookRequest): Promise<WebhookResponse>;
}

/**
 * GET and POST /webhooks/<platform> for the configured messaging apps. The raw body is kept as
 * it arrived (signatures are computed over it); JSON and form bodies are both parsed.
 */
export function mountWebhooks(server: Server, handler: WebhookHandler, publicBaseUrl: string | undefined): void {
  const route = async (req: Request, res: Response) => {
    const platform = String(req.params.platform ?? '');
    const rawBody = rawBodyOf(req);
    const body = req.is('json') ? (req.body as unknown) : req.is('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(rawBody)) : {};
    if (req.method === 'POST' && (typeof body !== 'object' || body === null || Array.isArray(body)))
      return sendError(res, 400, 'The body must be a JSON object or a form');
    // Before the signature check: bottender's checks walk the body recursively (Slack's echoes part of it).
    const problem = jsonProblem(body);
    if (problem) return sendError(res, 400, `Invalid delivery: ${problem}`);
    const base = publicBaseUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const response = await handler.handle(platform, {
      method: req.method ?? 'GET',
      headers: req.headers,
      query: (req.query ?? {}) as Record<string, string>,
      rawBody,
      body: (body ?? {}) as Record<string, unknown>,
      url: new URL(req.url ?? '/', base).toString(),
      requestId: req.id(),
    });
    if (typeof response.body === 'string') {
      res.setHeader('Content-Type', response.contentType ?? 'text/plain; charset=utf-8');
      res.sendRaw(response.status, response.body);
    } else {
      res.json(response.status, response.body ?? {});
    }
  };
  server.get('/webhooks/:platform', route);
  server.post('/webhooks/:platform', route);
}

function rawBodyOf(req: Request): string {
  const raw = (req as Request & { rawBody?: unknown }).rawBody ?? req.body;
  if (typeof raw === 'string') return raw;
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
}
