import { Voice } from '../../dialogs/dialog-deps.js';
import { callOutButton } from '../../dialogs/call-out-answer.js';
import { localeOf, speechFor } from '../domain/catalog/languages.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { DeliveryOutcome, Notification, Notifier } from '../domain/notifications.js';
import { VOLUNTEER_MESSAGES, type CallOutMessage } from '../domain/volunteers/volunteer.js';
import type { OutboundMessage } from './bottender/messaging-platform.js';
import type { SendMail } from './mail/mail-notifier.js';

/** Sends an SMS; says whether it went, or when to try again (a gateway's 429 or 503 with Retry-After). */
export type SendSms = (to: string, text: string) => Promise<DeliveryOutcome>;
/** Starts a message in a messaging app's chat (`telegram:<chat>`), with its buttons. */
export type SendInApp = (conversationId: string, message: OutboundMessage) => Promise<void>;

export interface VolunteerMessengerDeps {
  readonly catalog: Catalog;
  readonly messageFor: (callOutId: string) => Promise<CallOutMessage | undefined>;
  /** How each way of reaching a volunteer is used; a way left out is written to the log instead (development). */
  readonly sms?: SendSms;
  readonly mail?: SendMail;
  /** By platform id (`telegram`): the apps that can start a message. */
  readonly apps: Readonly<Record<string, SendInApp>>;
  /** The yes and no links of an e-mailed call-out (a page that answers for them). */
  readonly answerLinks: (callOutId: string) => { yesUrl: string; noUrl: string };
  /** Where a message goes when its way is not configured: ids only, never the text. */
  readonly log: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * Delivers the outbox's messages to volunteers: a call-out (with yes and no buttons in an app,
 * "reply yes or no" by SMS, yes and no links by e-mail), and that a need is filled or cancelled.
 * Written in the volunteer's language when the message is delivered, from the database as it is
 * then: a call-out whose need filled before it went is not sent, nor a "filled" to someone who
 * was never asked. A volunteer forgotten meanwhile gets nothing.
 */
export class VolunteerMessenger implements Notifier {
  constructor(private readonly deps: VolunteerMessengerDeps) {}

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    if (notification.callOutId === undefined) return { status: 'rejected', reason: 'not a message to a volunteer' };
    const message = await this.deps.messageFor(notification.callOutId);
    if (!message?.volunteer) return { status: 'rejected', reason: 'the volunteer has been forgotten' };
    if (notification.kind === VOLUNTEER_MESSAGES.callOut ? message.status !== 'asked' : !message.askDelivered)
      return { status: 'delivered', to: { via: 'log' } };
    const text = this.textOf(notification.kind, message);
    const { volunteer } = message;
    switch (volunteer.reachBy) {
      case 'sms':
        if (!this.deps.sms || !volunteer.phone) return this.logged(notification, 'sms');
        return this.deps.sms(volunteer.phone, text);
      case 'email': {
        if (!this.deps.mail || !volunteer.email) return this.logged(notification, 'email');
        await this.deps.mail({ to: volunteer.email, subject: this.voiceOf(message).filled(this.texts.emailSubject, { title: message.need.title }), text });
        return { status: 'delivered', to: { via: 'mail', to: volunteer.email } };
      }
      default: {
        const send = this.deps.apps[volunteer.channel];
        if (!send) return this.logged(notification, volunteer.channel);
        await send(volunteer.conversationId, { text, choices: notification.kind === VOLUNTEER_MESSAGES.callOut ? this.buttons(message) : [] });
        return { status: 'delivered' };
      }
    }
  }

  private get texts() {
    return this.deps.catalog.volunteers!.texts;
  }

  private voiceOf(message: CallOutMessage): Voice {
    return new Voice(this.deps.catalog, speechFor(this.deps.catalog, message.volunteer!.language));
  }

  private textOf(kind: string, message: CallOutMessage): string {
    const voice = this.voiceOf(message);
    const { need, volunteer } = message;
    if (kind === VOLUNTEER_MESSAGES.filled) return voice.filled(this.texts.filled, { title: need.title });
    if (kind === VOLUNTEER_MESSAGES.cancelled) return voice.filled(this.texts.cancelled, { title: need.title });
    const { catalog } = this.deps;
    const when = new Intl.DateTimeFormat(localeOf(catalog, voice.language), {
      timeZone: catalog.office.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(need.startsAt);
    const area = catalog.volunteers!.areas.find((candidate) => candidate.id === need.area)?.name ?? need.area;
    const callOut = voice.filled(this.texts.callOut, {
      name: volunteer!.name,
      title: need.title,
      area,
      when,
      description: need.description ? ` ${need.description}` : '',
    });
    if (volunteer!.reachBy === 'sms') return `${callOut} ${voice.say(this.texts.callOutBySms)}`;
    if (volunteer!.reachBy === 'email') return `${callOut}\n\n${voice.filled(this.texts.callOutByEmail, this.deps.answerLinks(message.callOutId))}`;
    return callOut;
  }

  private buttons(message: CallOutMessage) {
    const voice = this.voiceOf(message);
    return [
      { title: voice.title(this.texts.callOutYes), value: callOutButton(message.callOutId, true) },
      { title: voice.title(this.texts.callOutNo), value: callOutButton(message.callOutId, false) },
    ];
  }

  private logged(notification: Notification, way: string): DeliveryOutcome {
    this.deps.log(
      { callOutId: notification.callOutId, kind: notification.kind, way },
      'message to a volunteer written to the log: no way to send it is configured',
    );
    return { status: 'delivered', to: { via: 'log' } };
  }
}
