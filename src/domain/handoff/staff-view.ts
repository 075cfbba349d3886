import { instanceOf, routeOf, type Catalog } from '../catalog/schema.js';
import { readablePhone } from './contact.js';
import { officeTime } from './deadlines.js';
import type { HandoffEventView, HandoffView } from './handoff.js';
import { OUTCOMES, staffActionsFrom, type Outcome, type StaffActionType } from './lifecycle.js';
import { channelLabel, languageLabel, OUTCOME_LABELS, STATUS_LABELS } from './staff-labels.js';

/** One line of what staff read: a label, its text and, for a phone number or an address, where it leads. */
export interface StaffFact {
  readonly label: string;
  readonly text: string;
  readonly href?: string;
  /** Written by the resident (a name, a time): shown as plain text, never as markup. */
  readonly fromPerson?: boolean;
}

/**
 * A handoff as a case officer needs to judge it in ten seconds, in Swedish words: the card in
 * Teams and the staff tab both show this, so they cannot tell different stories.
 */
export interface StaffDescription {
  readonly title: string;
  readonly status: string;
  /** Set when the person's details are gone: the case can no longer be acted on. */
  readonly erased?: string;
  readonly facts: readonly StaffFact[];
  /** What the person wrote themselves, as plain text. */
  readonly summary?: string;
  readonly history: readonly { readonly at: string; readonly text: string }[];
  /** What staff can do now (none once the details are erased). */
  readonly actions: readonly StaffActionType[];
}

const isOutcome = (value: unknown): value is Outcome => (OUTCOMES as readonly unknown[]).includes(value);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

export function describeForStaff(handoff: HandoffView, catalog: Catalog): StaffDescription {
  const route = routeOf(catalog, handoff.routeId);
  const instanceName = (id: unknown) => (typeof id === 'string' ? (instanceOf(catalog, id)?.name.sv ?? id) : 'okänd instans');
  const time = officeTime(catalog, 'sv-SE', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const need = handoff.need ? (route?.needs?.options.find((option) => option.id === handoff.need)?.label.sv ?? handoff.need) : undefined;
  // A variant ("sv-lattlast") is its language with the catalog's name for it: "svenska (Lätt svenska)".
  const [base, variant] = handoff.language.split(/-(.*)/);
  const spoken = variant ? `${languageLabel(base!)} (${catalog.languages[handoff.language]?.name ?? variant})` : languageLabel(handoff.language);
  // Swedish, English and their variants need no interpreter; in other languages the person was asked.
  const needsNoInterpreter = catalog.otherLanguages.some((code) => base === code);
  const language = needsNoInterpreter
    ? spoken
    : handoff.interpreter === true
      ? `${spoken}: personen vill ha tolk, boka tolk på ${spoken}`
      : handoff.interpreter === false
        ? `${spoken}: personen behöver ingen tolk`
        : `${spoken}: svara gärna på ${spoken} eller boka tolk`;
  const erased = handoff.erasedAt
    ? `Personens uppgifter är raderade (${time.format(handoff.erasedAt)}). Ärendet kan inte hanteras längre; kvar finns bara det som behövs för statistiken.`
    : undefined;
  const phone = handoff.contact.phone ? readablePhone(handoff.contact.phone) : undefined;
  const facts: StaffFact[] = [
    ...(need ? [{ label: 'Behov', text: need }] : []),
    { label: 'Språk', text: language },
    { label: 'Kanal', text: `Skrev i ${channelLabel(handoff.channel)}` },
    { label: 'Inkom', text: time.format(handoff.createdAt) },
    ...(handoff.status === 'registered' || handoff.status === 'notified' ? [{ label: 'Ta senast', text: time.format(handoff.claimDueAt) }] : []),
    ...(handoff.status !== 'closed' && handoff.status !== 'contacted' ? [{ label: 'Kontakta senast', text: time.format(handoff.slaDueAt) }] : []),
    { label: 'Instans', text: instanceName(handoff.instanceId) },
    ...(handoff.contact.name ? [{ label: 'Namn', text: handoff.contact.name, fromPerson: true }] : []),
    ...(phone ? [{ label: 'Telefon', text: phone.text, href: phone.href }] : []),
    ...(handoff.contact.email ? [{ label: 'E-post', text: handoff.contact.email, href: `mailto:${handoff.contact.email}` }] : []),
    ...(handoff.contact.preferredTime ? [{ label: 'Passar bäst', text: handoff.contact.preferredTime, fromPerson: true }] : []),
    ...(isOutcome(handoff.outcome) ? [{ label: 'Utfall', text: OUTCOME_LABELS[handoff.outcome] }] : []),
  ];
  return {
    title: `${handoff.reference} · ${route?.label.sv ?? handoff.routeId}`,
    status: `${STATUS_LABELS[handoff.status]}${handoff.claimedBy && handoff.status !== 'closed' ? ` (${handoff.claimedBy})` : ''}`,
    ...(erased ? { erased } : {}),
    facts,
    ...(handoff.summary ? { summary: handoff.summary } : {}),
    history: handoff.events.map((event) => ({ at: time.format(event.at), text: historyLine(event, handoff, instanceName) })),
    actions: erased ? [] : staffActionsFrom(handoff.status),
  };
}

/** What an event of the history says, the way it happened: where a notification really went, who did what, and why. */
function historyLine(event: HandoffEventView, handoff: HandoffView, instanceName: (id: unknown) => string): string {
  const { details } = event;
  const who = event.actor === 'system' || !event.actor ? 'Lotsen' : event.actor.endsWith(':person') ? 'personen' : event.actor;
  switch (event.type) {
    case 'registered':
      return `Registrerat av personen i ${channelLabel(handoff.channel)}, till ${instanceName(details.instanceId ?? handoff.instanceId)}`;
    case 'notify':
      return 'Markerat som aviserat';
    case 'delivered': {
      const what = details.kind === 'handoff.escalated' ? 'Påminnelse' : details.kind === 'handoff.undeliverable' ? 'Reservavisering' : 'Avisering';
      if (details.via === 'teams') return `${what}: kortet visades i Teams-kanalen för ${instanceName(details.target)}`;
      if (details.via === 'mail') return `${what}: e-post till ${textOf(details.to) ?? instanceName(details.target)}`;
      if (details.via === 'log') return `${what} för ${instanceName(details.target)} skrevs bara i Lotsens logg: Teams är inte påslaget`;
      return `${what} till ${instanceName(details.target)}`;
    }
    case 'notification-failed':
      return `Aviseringen till ${instanceName(details.target)} gick inte fram (${textOf(details.reason) ?? 'okänt fel'})${details.fallback ? `; ${instanceName(details.fallback)} fick den i stället` : ''}`;
    case 'escalated':
      return `Eskalerat: ${details.reason === 'sla' ? 'inte kontaktad i tid' : 'inte taget i tid'}`;
    case 'claim':
      return `Taget av ${who}`;
    case 'contacted':
      return `Markerat som kontaktad av ${who}`;
    case 'close':
      return `Avslutat av ${who}${isOutcome(details.outcome) ? `: ${OUTCOME_LABELS[details.outcome]}` : ''}`;
    case 'reroute':
      return `Skickat vidare till ${instanceName(details.instanceId)} av ${who}${textOf(details.reason) ? `: ${textOf(details.reason)}` : ''}`;
    case 'reopen':
      return `Öppnat igen av ${who}`;
    case 'erased':
      return details.reason === 'retention' ? 'Personuppgifterna raderades efter gallringstiden' : 'Personuppgifterna raderades på personens begäran';
    default:
      return event.type;
  }
}
