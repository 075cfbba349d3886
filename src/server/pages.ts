import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { projectPath } from '../config/installation-files.js';
import { FIRST_LANGUAGE } from '../domain/catalog/languages.js';
import { accessibilityStatement } from './notices/accessibility-statement.js';
import { escapeHtml, html, type Html } from './notices/html.js';
import { PageTexts, type DocumentPageTexts } from './notices/page-texts.js';
import { privacyNotice, type NoticeSettings } from './notices/privacy-notice.js';
import { CSS, HTML, JAVASCRIPT, mountAssets, sendText } from './static-files.js';
import type { WebOrigins } from './web-origins.js';

/** Fills `{{key}}` from the page's texts (every value escaped for HTML) and `{{{key}}}` with HTML our code wrote. */
function render(template: string, texts: PageTexts, written: Readonly<Record<string, Html>>): string {
  return template
    .replace(/\{\{\{(\w+)\}\}\}/g, (_match, key: string) => written[key]?.value ?? '')
    .replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
      const value = texts[key];
      return typeof value === 'string' ? escapeHtml(value) : '';
    });
}

/** The other languages the page is offered in, each named in itself and marked with its language and direction. */
function languageMenu(page: PageTexts, all: readonly PageTexts[]): Html {
  const href = (texts: PageTexts) => (texts.lang === FIRST_LANGUAGE ? '/' : `/?lang=${encodeURIComponent(texts.lang)}`);
  return html`<details class="languages">
    <summary>${page.languagesLabel}</summary>
    <ul>
      ${all
        .filter((other) => other.lang !== page.lang)
        .map((other) => html`<li><a href="${href(other)}" lang="${other.lang}" hreflang="${other.lang}" dir="${other.dir}">${other.languageName}</a></li> `)}
    </ul>
  </details>`;
}

/** `public/page.<language>.json`: one file of page texts per language the page is offered in. */
const PAGE_TEXTS = /^page\.([a-z]{2,3}(?:-[a-z0-9]+)*)\.json$/;

/**
 * The resident's page at `/`, the privacy notice at `/integritet` and the accessibility statement
 * at `/tillganglighet`, each in Swedish or (`?lang=<code>`) any language that has a page texts
 * file; and the assets: our own, and the official Web Chat bundle, copied into dist/vendor by the
 * build (no CDN). Written once at start: the documents' facts come from the catalog and the configuration.
 */
export function mountPages(server: Server, origins: WebOrigins, notices: NoticeSettings): void {
  const file = (relative: string) => readFileSync(projectPath(relative), 'utf8');
  const languages = Object.keys(notices.catalog.languages);
  const order = (language: string) => (languages.includes(language) ? languages.indexOf(language) : languages.length);
  const template = file(path.join('public', 'index.html'));
  const texts = readdirSync(projectPath('public'))
    .map((name) => PAGE_TEXTS.exec(name))
    .filter((match) => match !== null)
    .map((match) => parsePageTexts(match[0], match[1]!, file(path.join('public', match[0]))))
    // The language menu in the catalog's order of languages (Swedish, easy Swedish, English, …).
    .sort((a, b) => order(a.lang) - order(b.lang));
  const inEveryLanguage = (write: (texts: PageTexts) => string) => new Map(texts.map((page) => [page.lang, write(page)]));
  const pages: Record<string, Map<string, string>> = {
    '/': inEveryLanguage((page) => render(template, page, { languageMenu: languageMenu(page, texts) })),
    // The documents in the languages that have their sentences; the others link to the Swedish ones.
    '/integritet': inEveryLanguage((page) => privacyNotice(notices, documentTexts(page, texts))),
    '/tillganglighet': inEveryLanguage((page) => accessibilityStatement(notices.catalog, documentTexts(page, texts))),
  };
  const headers = pageHeaders(origins);
  for (const [route, byLanguage] of Object.entries(pages))
    server.get(route, async (req: Request, res: Response) => {
      const language = req.query?.lang;
      const body = byLanguage.get(typeof language === 'string' ? language : FIRST_LANGUAGE) ?? byLanguage.get(FIRST_LANGUAGE)!;
      sendText(res, { body, type: HTML }, 'no-cache', headers);
    });
  mountAssets(server, {
    '/assets/webchat.js': { body: file(path.join('dist', 'vendor', 'webchat.js')), type: JAVASCRIPT },
    '/assets/lotsen-chat.js': { body: file(path.join('public', 'lotsen-chat.js')), type: JAVASCRIPT },
    '/assets/lotsen.css': { body: file(path.join('public', 'lotsen.css')), type: CSS },
  });
}

/** The page texts a document is written with: the language's own, or Swedish where it has no document sentences. */
function documentTexts(page: PageTexts, all: readonly PageTexts[]): DocumentPageTexts {
  if (page.documents && page.privacyNotice && page.accessibilityStatement) return page as DocumentPageTexts;
  return all.find((candidate) => candidate.lang === FIRST_LANGUAGE) as DocumentPageTexts;
}

/** A page texts file, checked at start: a missing or empty text stops the start with its name. */
function parsePageTexts(name: string, language: string, content: string): PageTexts {
  const parsed = PageTexts.refine((texts) => texts.lang === language, { message: `must be "${language}", as the file's name says`, path: ['lang'] }).safeParse(
    JSON.parse(content),
  );
  if (!parsed.success) throw new Error(`public/${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
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
