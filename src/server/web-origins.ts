import type { Request, Response } from 'restify';

/**
 * Which web pages may use the resident's chat: Lotsen's own pages and the municipality's pages in
 * `ALLOWED_ORIGINS`. Browsers name the page in `Origin`; a request without one was sent by no
 * page (a server, a script) and is left to the token and the rate limits.
 */
export class WebOrigins {
  /**
   * @param allowed  the municipality's pages (ALLOWED_ORIGINS), which may also embed Lotsen's page
   * @param ownOrigin  Lotsen's public origin (PUBLIC_BASE_URL), for when a proxy rewrites `Host`
   */
  constructor(
    readonly allowed: readonly string[],
    private readonly ownOrigin?: string,
  ) {}

  /** Whether the page that sent the request (if a page did) may use the chat. */
  permits(req: Pick<Request, 'headers'>): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return this.isOwn(origin, req.headers.host) || this.allowed.includes(origin);
  }

  /**
   * Lets the municipality's pages call the chat API from their own origin (CORS); answers a
   * preflight. Lotsen's own page needs none of this, being same-origin.
   */
  allowCrossOrigin(req: Request, res: Response): void {
    res.header('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !this.allowed.includes(origin)) return;
    res.header('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') {
      res.header('Access-Control-Allow-Methods', 'GET, POST');
      res.header('Access-Control-Allow-Headers', 'authorization, content-type');
      res.header('Access-Control-Max-Age', '600');
    }
  }

  /** `frame-ancestors` for Lotsen's pages: itself and the municipality's pages. */
  get frameAncestors(): string {
    return ["'self'", ...this.allowed].join(' ');
  }

  private isOwn(origin: string, host: string | undefined): boolean {
    if (origin === this.ownOrigin) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false; // "null" (sandboxed frames, files) and garbage
    }
  }
}
