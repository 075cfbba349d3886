import type { HandoffStatus, Outcome, StaffActionType } from './lifecycle.js';

// Staff-facing words, in Swedish: the municipality's staff work in Swedish (cards and the tab).

export const STATUS_LABELS: Readonly<Record<HandoffStatus, string>> = {
  registered: 'Ny',
  notified: 'Ny, aviserad',
  claimed: 'Tagen',
  contacted: 'Kontaktad',
  closed: 'Avslutad',
};

/** How a case ended, in words (the outcome ids are for statistics). */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  resolved: 'Klart: personen har fått hjälp',
  referred: 'Hänvisad till någon annan',
  'no-contact': 'Fick inte kontakt',
  withdrawn: 'Personen drog tillbaka ärendet',
  duplicate: 'Dubblett av ett annat ärende',
};

/** The buttons staff press. */
export const ACTION_LABELS: Readonly<Record<StaffActionType, string>> = {
  claim: 'Ta ärendet',
  contacted: 'Kontaktad',
  reroute: 'Skicka vidare',
  close: 'Avsluta',
  reopen: 'Öppna igen',
};

/** Where the person wrote from, in words (the channel ids are Bot Framework's and the messaging apps'). */
const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  webchat: 'webbchatten på kommunens webbplats',
  directline: 'webbchatten på kommunens webbplats',
  msteams: 'Microsoft Teams',
  emulator: 'testverktyget Bot Framework Emulator',
  test: 'ett test',
  telegram: 'Telegram',
  messenger: 'Messenger',
  line: 'LINE',
  slack: 'Slack',
  whatsapp: 'WhatsApp',
};
export const channelLabel = (channel: string): string => CHANNEL_LABELS[channel] ?? channel;

const LANGUAGE_NAMES = new Intl.DisplayNames(['sv'], { type: 'language', fallback: 'code' });
/** A language code in Swedish words ("en" → "engelska"). */
export const languageLabel = (code: string): string => {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
};
