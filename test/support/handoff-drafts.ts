import type { HandoffDraft } from '../../src/domain/handoff/handoff';

let sequence = 0;

/** A valid handoff draft for tests (Anna, anhöriglänken), with whatever the test changes. */
export const handoffDraft = (overrides: Partial<HandoffDraft> = {}): HandoffDraft => ({
  routeId: 'anhoriglanken',
  instanceId: 'anhorigkonsulent',
  channel: 'webchat',
  language: 'sv',
  conversationId: `conversation-${++sequence}`,
  idempotencyKey: `key-${sequence}-${Math.random()}`,
  contact: { name: 'Anna Andersson', phone: '+46701234567', preferredTime: 'Förmiddag' },
  summary: 'Min mamma har demens',
  consentVersion: '2026-11-22',
  consentedAt: new Date('2026-11-20T09:59:00Z'),
  slaDueAt: new Date('2026-11-24T15:00:00Z'),
  claimDueAt: new Date('2026-11-20T14:00:00Z'),
  ...overrides,
});
