import { instanceOf, type Catalog } from '../../domain/catalog/schema.js';
import type { HandoffView } from '../../domain/handoff/handoff.js';
import { OUTCOMES } from '../../domain/handoff/lifecycle.js';
import { ACTION_LABELS, OUTCOME_LABELS } from '../../domain/handoff/staff-labels.js';
import { describeForStaff } from '../../domain/handoff/staff-view.js';
import { plainText } from './plain-text.js';

export interface CardOptions {
  /** What just happened (an escalation, "already claimed by …"), above everything else. */
  readonly notice?: string;
  /** The instance whose channel shows the card: a card left behind after a reroute says where the case went and offers nothing. */
  readonly shownTo?: string;
}

/**
 * The Adaptive Card staff see for a handoff: what the case is, who needs what in which language,
 * how to reach them (numbers as tel: links), by when, its state and history's gist, and the
 * buttons (Action.Execute, CONTRACTS.md verbs) that fit its state. An erased case says so and
 * has no buttons.
 */
export function handoffCard(handoff: HandoffView, catalog: Catalog, options: CardOptions = {}): Record<string, unknown> {
  const described = describeForStaff(handoff, catalog);
  const movedAway = options.shownTo !== undefined && options.shownTo !== handoff.instanceId;
  const notices = [
    ...(options.notice ? [options.notice] : []),
    ...(movedAway ? [`Ärendet har skickats vidare till ${instanceOf(catalog, handoff.instanceId)?.name.sv ?? handoff.instanceId}.`] : []),
    ...(described.erased ? [described.erased] : []),
  ];
  const data = (extra: Record<string, unknown> = {}) => ({ handoffId: handoff.id, ...extra });
  const execute = (type: keyof typeof ACTION_LABELS) => ({ type: 'Action.Execute', title: ACTION_LABELS[type], verb: `handoff.${type}`, data: data() });
  const actions = (movedAway ? [] : described.actions).map((type) => {
    if (type === 'reroute')
      return showCard(ACTION_LABELS.reroute, [
        {
          type: 'Input.ChoiceSet',
          id: 'instanceId',
          label: 'Till',
          isRequired: true,
          errorMessage: 'Välj vart ärendet ska.',
          choices: catalog.instances
            .filter((candidate) => candidate.id !== handoff.instanceId)
            .map((candidate) => ({ title: candidate.name.sv, value: candidate.id })),
        },
        { type: 'Input.Text', id: 'reason', label: 'Varför (syns för mottagaren)', isMultiline: true, maxLength: 500 },
        execute('reroute'),
      ]);
    if (type === 'close')
      return showCard(ACTION_LABELS.close, [
        {
          type: 'Input.ChoiceSet',
          id: 'outcome',
          label: 'Hur slutade det?',
          isRequired: true,
          errorMessage: 'Välj hur ärendet slutade.',
          choices: OUTCOMES.map((outcome) => ({ title: OUTCOME_LABELS[outcome], value: outcome })),
        },
        execute('close'),
      ]);
    return execute(type);
  });
  const linked = described.facts.filter((fact) => fact.href);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      ...notices.map((text) => ({ type: 'TextBlock', text, wrap: true, weight: 'Bolder', color: 'Attention' })),
      { type: 'TextBlock', text: described.title, size: 'Medium', weight: 'Bolder', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Status', value: described.status },
          ...described.facts.filter((fact) => !fact.href).map((fact) => ({ title: fact.label, value: fact.fromPerson ? plainText(fact.text) : fact.text })),
        ],
      },
      // What a resident wrote is escaped (plainText); Lotsen's own words and staff names are not.
      // Phone numbers and addresses as links: one tap calls or writes.
      ...linked.map((fact) => ({ type: 'TextBlock', text: `${fact.label}: [${fact.text}](${fact.href})`, wrap: true })),
      ...(described.summary ? [{ type: 'TextBlock', text: `Personen skriver: ${plainText(described.summary)}`, wrap: true }] : []),
    ],
    actions,
  };
}

/** A button that opens a small form under the card, and the form's own button. */
function showCard(title: string, items: readonly Record<string, unknown>[]): Record<string, unknown> {
  const inputs = items.filter((item) => item.type !== 'Action.Execute');
  const submit = items.filter((item) => item.type === 'Action.Execute');
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: inputs, actions: submit } };
}
