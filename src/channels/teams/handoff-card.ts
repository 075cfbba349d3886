import { FIRST_LANGUAGE, localeOf } from '../../domain/catalog/languages.js';
import { instanceOf, routeOf, type Catalog } from '../../domain/catalog/schema.js';
import type { HandoffView } from '../../domain/handoff/handoff.js';
import { OUTCOMES } from '../../domain/handoff/lifecycle.js';
import { STATUS_LABELS } from '../../domain/handoff/staff-labels.js';
import { officeTime } from '../../domain/handoff/deadlines.js';
import { plainText } from './plain-text.js';

/**
 * The Adaptive Card staff see for a handoff: what, who, how to reach them, by when, its state,
 * and the buttons (Action.Execute, CONTRACTS.md verbs) that fit its state. `notice` says what
 * just happened (an escalation, "already claimed by …").
 */
export function handoffCard(handoff: HandoffView, catalog: Catalog, notice?: string): Record<string, unknown> {
  const route = routeOf(catalog, handoff.routeId);
  const instance = instanceOf(catalog, handoff.instanceId);
  // Phone and e-mail were validated at the door; the rest is what a resident typed.
  const contact = [handoff.contact.phone, handoff.contact.email].filter(Boolean).join(', ') || '(raderad)';
  const data = (extra: Record<string, unknown> = {}) => ({ handoffId: handoff.id, ...extra });
  const actions: Record<string, unknown>[] = [];
  if (handoff.status === 'registered' || handoff.status === 'notified')
    actions.push({ type: 'Action.Execute', title: 'Ta ärendet', verb: 'handoff.claim', data: data() });
  if (handoff.status === 'claimed') actions.push({ type: 'Action.Execute', title: 'Kontaktad', verb: 'handoff.contacted', data: data() });
  if (handoff.status !== 'closed') {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Skicka vidare',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'instanceId',
            label: 'Till',
            isRequired: true,
            choices: catalog.instances
              .filter((candidate) => candidate.id !== handoff.instanceId)
              .map((candidate) => ({ title: candidate.name.sv, value: candidate.id })),
          },
        ],
        actions: [{ type: 'Action.Execute', title: 'Skicka vidare', verb: 'handoff.reroute', data: data() }],
      },
    });
    actions.push({
      type: 'Action.ShowCard',
      title: 'Avsluta',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'outcome',
            label: 'Utfall',
            isRequired: true,
            choices: OUTCOMES.map((outcome) => ({ title: outcome, value: outcome })),
          },
        ],
        actions: [{ type: 'Action.Execute', title: 'Avsluta', verb: 'handoff.close', data: data() }],
      },
    });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      ...(notice ? [{ type: 'TextBlock', text: notice, wrap: true, weight: 'Bolder', color: 'Attention' }] : []),
      { type: 'TextBlock', text: `${handoff.reference} · ${route?.label.sv ?? handoff.routeId}`, size: 'Medium', weight: 'Bolder', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Status', value: `${STATUS_LABELS[handoff.status]}${handoff.claimedBy ? ` (${handoff.claimedBy})` : ''}` },
          { title: 'Instans', value: instance?.name.sv ?? handoff.instanceId },
          { title: 'Namn', value: handoff.contact.name ? plainText(handoff.contact.name) : '(raderat)' },
          { title: 'Kontakt', value: contact },
          { title: 'Passar', value: handoff.contact.preferredTime ? plainText(handoff.contact.preferredTime) : '–' },
          {
            title: 'Senast',
            value: officeTime(catalog, localeOf(catalog, FIRST_LANGUAGE), { dateStyle: 'medium', timeStyle: 'short' }).format(handoff.slaDueAt),
          },
        ],
      },
      ...(handoff.summary ? [{ type: 'TextBlock', text: plainText(handoff.summary), wrap: true }] : []),
    ],
    actions,
  };
}
