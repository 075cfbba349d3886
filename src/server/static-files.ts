import type { Request, Response, Server } from 'restify';

export interface StaticFile {
  readonly body: string;
  readonly type: string;
}

/** Answers with a text body read at start (pages and assets are never read per request). */
export function sendText(res: Response, file: StaticFile, cache = 'no-cache', headers: Record<string, string> = {}): void {
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', cache);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.sendRaw(200, file.body);
}

/** Serves each asset at its path, cacheable for an hour. */
export function mountAssets(server: Server, assets: Record<string, StaticFile>): void {
  for (const [route, asset] of Object.entries(assets)) server.get(route, async (_req: Request, res: Response) => sendText(res, asset, 'public, max-age=3600'));
}

export const JAVASCRIPT = 'application/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';
export const HTML = 'text/html; charset=utf-8';
