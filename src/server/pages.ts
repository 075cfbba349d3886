import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectPath } from '../config/installation-files.js';
import { FIRST_LANGUAGE } from '../domain/catalog/languages.js';
import { CSS, HTML, JAVASCRIPT, mountAssets, sendText, type StaticFile } from './static-files.js';
import type { WebOrigins } from './web-origins.js';

type PageTexts = Record<string, string>;

/** Fills `{{key}}` from the page's texts; every value is escaped for HTML. */
function render(template: string, texts: PageTexts): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => escape(texts[key] ?? ''));
}

/** `public/page.<language>.json`: one file of page texts per language the page is offered in. */
const PAGE_TEXTS = /^page\.([a-z]{2,3}(?:-[a-z0-9]+)*)\.json$/;

/**
 * The resident's page at `/` (Swedish; `?lang=<code>` in any language that has a page texts
 * file), the privacy notice and the accessibility statement, and the assets: our own, and the
 * official Web Chat bundle served from node_modules (no CDN). Read once at start.
 */
export function mountPages(server: Server, origins: WebOrigins): void {
  const file = (relative: string) => readFileSync(projectPath(relative), 'utf8');
  const template = file(path.join('public', 'index.html'));
  const pages = new Map(
    readdirSync(projectPath('public'))
      .map((name) => PAGE_TEXTS.exec(name))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, render(template, JSON.parse(file(path.join('public', match[0]))) as PageTexts)]),
  );
  const pageIn = (language: unknown): string => pages.get(typeof language === 'string' ? language : FIRST_LANGUAGE) ?? pages.get(FIRST_LANGUAGE)!;
  const documents: Record<string, string> = {
    '/integritet': file(path.join('public', 'integritet.html')),
    '/tillganglighet': file(path.join('public', 'tillganglighet.html')),
  };
  const html = (body: string): StaticFile => ({ body, type: HTML });
  const headers = pageHeaders(origins);

  server.get('/', async (req: Request, res: Response) => sendText(res, html(pageIn(req.query?.lang)), 'no-cache', headers));
  for (const [route, body] of Object.entries(documents))
    server.get(route, async (_req: Request, res: Response) => sendText(res, html(body), 'no-cache', headers));
  mountAssets(server, {
    '/assets/webchat.js': { body: file(path.join('node_modules', 'botframework-webchat', 'dist', 'webchat.js')), type: JAVASCRIPT },
    '/assets/lotsen-chat.js': { body: file(path.join('public', 'lotsen-chat.js')), type: JAVASCRIPT },
    '/assets/lotsen.css': { body: file(path.join('public', 'lotsen.css')), type: CSS },
  });
}

/**
 * The pages run only our scripts and talk only to us; they may be framed only by themselves and
 * the municipality's pages; links elsewhere carry no address of ours. Web Chat styles itself with
 * inline style elements, hence 'unsafe-inline' for styles (never for scripts).
 */
function pageHeaders(origins: WebOrigins): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${origins.frameAncestors}`,
  ];
  return { 'Content-Security-Policy': policy.join('; '), 'Referrer-Policy': 'same-origin' };
}
