import { FIRST_LANGUAGE, localeOf } from '../../domain/catalog/languages.js';
import { instanceOf, type Catalog } from '../../domain/catalog/schema.js';
import { officeTime } from '../../domain/handoff/deadlines.js';
import type { HandoffView } from '../../domain/handoff/handoff.js';
import { handoffIdOf, type DeliveryOutcome, type Notification, type Notifier } from '../../domain/notifications.js';

/** An e-mail as Lotsen sends it: plain text to one shared mailbox. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends an e-mail (SMTP in production); throws what the mail server said. */
export type SendMail = (message: MailMessage) => Promise<void>;

/**
 * The e-mail to an instance's shared mailbox when its Teams channel could not be reached. It
 * carries the reference and where to act, never the resident's name, contact details or words:
 * e-mail is forwarded and kept in ways Lotsen cannot control, and the tab has it all.
 */
export function undeliverableMail(handoff: HandoffView, notification: Notification, mailbox: string, catalog: Catalog): MailMessage {
  const instance = instanceOf(catalog, notification.target);
  const instanceName = instance?.name.sv ?? notification.target;
  const routeLabel = catalog.routes.find((route) => route.id === handoff.routeId)?.label.sv ?? handoff.routeId;
  const { reason, fallback } = (notification.payload ?? {}) as { reason?: string; fallback?: string };
  const fallbackName = fallback ? (instanceOf(catalog, fallback)?.name.sv ?? fallback) : undefined;
  const date = officeTime(catalog, localeOf(catalog, FIRST_LANGUAGE), { dateStyle: 'long', timeStyle: 'short' });
  return {
    to: mailbox,
    subject: `Lotsen: ärende ${handoff.reference} nådde inte er Teams-kanal`,
    text: [
      'Hej!',
      '',
      `Lotsen kunde inte visa ett ärende för ${instanceName} i er Teams-kanal (${reason ?? 'okänt fel'}).`,
      '',
      `Ärende: ${handoff.reference} (${routeLabel})`,
      `Registrerat: ${date.format(handoff.createdAt)}`,
      `Personen ska kontaktas senast: ${date.format(handoff.slaDueAt)}`,
      '',
      'Öppna fliken Lotsen i Teams för att se ärendet, ta det och kontakta personen. Kontaktuppgifterna skickas inte med e-post.',
      '',
      `Kontrollera också att Lotsen-appen finns kvar i teamet och att kanalen är kopplad: skriv "@Lotsen koppla ${notification.target}" i kanalen.`,
      ...(fallbackName ? [`Under tiden har ${fallbackName} fått ärendet i sin kanal.`] : []),
      '',
      'Det här meddelandet skickades automatiskt av Lotsen. Svara inte på det.',
    ].join('\n'),
  };
}

/**
 * Tells an instance's shared mailbox (`mailbox` in the catalog) what its Teams channel could
 * not be told. A mail server's temporary refusal (4xx) or a lost connection is tried again; a
 * permanent refusal (5xx: no such mailbox) is not.
 */
export class MailNotifier implements Notifier {
  constructor(
    /** Undefined when no mail server is configured (mail queued before it was turned off is rejected). */
    private readonly send: SendMail | undefined,
    private readonly handoffs: { find(id: string): Promise<HandoffView | undefined> },
    private readonly catalog: Catalog,
  ) {}

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    const mailbox = instanceOf(this.catalog, notification.target)?.mailbox;
    if (!this.send) return { status: 'rejected', reason: 'mail-not-configured' };
    if (!mailbox) return { status: 'rejected', reason: 'no-mailbox' };
    const handoff = await this.handoffs.find(handoffIdOf(notification));
    if (!handoff) return { status: 'rejected', reason: 'handoff-missing' };
    try {
      await this.send(undeliverableMail(handoff, notification, mailbox, this.catalog));
      return { status: 'delivered', to: { via: 'mail', to: mailbox } };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      if (typeof responseCode === 'number' && responseCode >= 500) return { status: 'rejected', reason: `smtp-${responseCode}` };
      return { status: 'retry', reason: typeof responseCode === 'number' ? `smtp-${responseCode}` : 'smtp-unreachable' };
    }
  }
}
