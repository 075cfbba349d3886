import type { HandoffStatus } from './lifecycle.js';

// Staff-facing words, in Swedish: the municipality's staff work in Swedish (cards and the tab).

export const STATUS_LABELS: Readonly<Record<HandoffStatus, string>> = {
  registered: 'Ny',
  notified: 'Ny, aviserad',
  claimed: 'Tagen',
  contacted: 'Kontaktad',
  closed: 'Avslutad',
};

/** What each event in a handoff's history is called (event types are the lifecycle's actions). */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  registered: 'Registrerad',
  notify: 'Aviserad i Teams',
  claim: 'Tagen',
  contacted: 'Kontaktad',
  close: 'Avslutad',
  reroute: 'Skickad vidare',
  reopen: 'Öppnad igen',
  escalated: 'Eskalerad',
  'notification-failed': 'Aviseringen gick inte fram',
  erased: 'Personuppgifter raderade',
};
