import type { HandoffView } from '../../src/domain/handoff/handoff';

/** A handoff as staff and notifications see it (Anna, anhöriglänken), with whatever the test changes. */
export const handoffView = (overrides: Partial<HandoffView> = {}): HandoffView => ({
  id: '8d3f9a4e-0000-4000-8000-000000000001',
  reference: 'LOTS-2026-000042',
  routeId: 'anhoriglanken',
  instanceId: 'anhorigkonsulent',
  status: 'notified',
  channel: 'webchat',
  language: 'sv',
  need: null,
  interpreter: null,
  createdAt: new Date('2026-12-01T09:00:00Z'),
  updatedAt: new Date('2026-12-01T09:00:00Z'),
  slaDueAt: new Date('2026-12-03T15:00:00Z'),
  claimDueAt: new Date('2026-12-01T13:00:00Z'),
  version: 1,
  claimedBy: null,
  claimedById: null,
  outcome: null,
  contact: { name: 'Anna Andersson', phone: '+46701234567', preferredTime: 'Förmiddag' },
  summary: 'Min mamma har demens',
  erasedAt: null,
  events: [],
  ...overrides,
});
