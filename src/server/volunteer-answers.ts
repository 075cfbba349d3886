import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bearerToken, sameSecret } from '../channels/credentials.js';
import type { SendSms } from '../channels/volunteer-messenger.js';
import { languageDirection } from '../domain/catalog/languages.js';
import type { Catalog } from '../domain/catalog/schema.js';
import { hasCode } from '../domain/errors.js';
import { normalisePhone } from '../domain/handoff/contact.js';
import { yesOrNo, type AnswerTexts } from '../domain/volunteers/answers.js';
import type { AnsweredCallOut, CallOutMessage } from '../domain/volunteers/volunteer.js';
import { sendError } from './http-errors.js';
import { html } from './notices/html.js';

/** What answering needs of the volunteer register. */
export interface CallOutAnswers {
  messageFor(callOutId: string): Promise<CallOutMessage | undefined>;
  answer(callOutId: string, yes: boolean, now: Date): Promise<AnsweredCallOut>;
  openCallOutByPhone(phone: string): Promise<{ callOutId: string } | undefined>;
}

export interface VolunteerAnswerDeps {
  readonly catalog: Catalog;
  readonly register: CallOutAnswers;
  readonly clock: () => Date;
  /** What a volunteer reads about their answer, in their language (the chat's own words). */
  readonly textsFor: (language: string) => AnswerTexts;
  /** The call-out a link's token names, if the token is genuine and in date. */
  readonly callOutOfToken: (token: string) => string | undefined;
  /** The SMS gateway's token (it calls the inbound webhook with it) and the way to reply; absent: no SMS webhook. */
  readonly sms?: { readonly token: string; readonly send: SendSms };
}

/** What an SMS gateway posts for an incoming text. */
const IncomingSms = z.object({ from: z.string().min(3).max(40), text: z.string().max(1600) }).loose();

const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Answers to call-outs that do not come through a chat: the e-mailed links (a page that asks
 * once more and answers on the press, since mail scanners open links on their own) and incoming
 * SMS from the gateway ("ja", "nej" in any of the catalog's languages, to the latest call-out
 * sent to that number).
 */
export function mountVolunteerAnswers(server: Server, deps: VolunteerAnswerDeps): void {
  const page = (res: Response, status: number, language: string, title: string, body: ReturnType<typeof html>) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
    res.end(
      html`<!doctype html>
        <html lang="${language}" dir="${languageDirection(language)}">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${title}</title>
            <link rel="stylesheet" href="/assets/lotsen.css" />
          </head>
          <body>
            <main class="document">${body}</main>
          </body>
        </html>`.value,
    );
  };
  /** The call-out a link names and what it is about, or undefined after answering with a page that says the link does not work. */
  const linked = async (req: Request, res: Response): Promise<{ callOutId: string; message: CallOutMessage; texts: AnswerTexts } | undefined> => {
    const callOutId = deps.callOutOfToken(String(req.params.token ?? ''));
    const message = callOutId ? await deps.register.messageFor(callOutId) : undefined;
    if (!callOutId || !message?.volunteer) {
      const texts = deps.textsFor(deps.catalog.otherLanguages[0]);
      page(res, 404, texts.language, texts.alreadyAnswered, html`<h1>${texts.alreadyAnswered}</h1>`);
      return undefined;
    }
    return { callOutId, message, texts: deps.textsFor(message.volunteer.language) };
  };

  server.get('/volunteer/answer/:token', async (req: Request, res: Response) => {
    const found = await linked(req, res);
    if (!found) return;
    const { texts, message } = found;
    const button = (answer: 'yes' | 'no') =>
      html`<form method="post" action="/volunteer/answer/${String(req.params.token)}?answer=${answer}">
        <button type="submit">${answer === 'yes' ? texts.yes : texts.no}</button>
      </form>`;
    page(
      res,
      200,
      texts.language,
      message.need.title,
      html`<h1>${message.need.title}</h1>
        ${button('yes')}${button('no')}`,
    );
  });

  server.post('/volunteer/answer/:token', async (req: Request, res: Response) => {
    const found = await linked(req, res);
    if (!found) return;
    const answer = (req.query as Record<string, string> | undefined)?.answer;
    if (answer !== 'yes' && answer !== 'no') return sendError(res, 400, 'answer must be yes or no');
    const said = found.texts.reply(await deps.register.answer(found.callOutId, answer === 'yes', deps.clock()));
    page(res, 200, found.texts.language, said, html`<h1>${said}</h1>`);
  });

  const { sms } = deps;
  if (!sms) return;
  server.post('/webhooks/sms', async (req: Request, res: Response) => {
    if (!sameSecret(bearerToken(req.headers.authorization), sms.token)) return sendError(res, 401, 'The SMS gateway token is missing or wrong');
    const incoming = IncomingSms.safeParse(req.body ?? {});
    if (!incoming.success) return sendError(res, 400, 'Send { "from": "+46…", "text": "…" }');
    const phone = normalisePhone(incoming.data.from);
    const open = phone ? await deps.register.openCallOutByPhone(phone) : undefined;
    const yes = yesOrNo(deps.catalog, incoming.data.text);
    // Not an answer to anything open: acknowledged, and nothing changes (the gateway must not retry).
    if (!open || !phone || yes === undefined) return void res.json({ ok: true, answered: false });
    const message = await deps.register.messageFor(open.callOutId);
    const texts = deps.textsFor(message?.volunteer?.language ?? deps.catalog.otherLanguages[0]);
    try {
      await sms.send(phone, texts.reply(await deps.register.answer(open.callOutId, yes, deps.clock())));
    } catch (error) {
      if (!hasCode(error, 'VOLUNTEER.CALL_OUT_NOT_FOUND')) throw error;
    }
    res.json({ ok: true, answered: true });
  });
}
