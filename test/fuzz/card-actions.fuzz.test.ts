import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { OUTCOMES } from '../../src/domain/handoff/lifecycle';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { ScriptedConnector } from '../support/scripted-connector';
import { handoffDraft } from '../support/handoff-drafts';
import type { RunningApp } from '../support/test-app';
import {
  FUZZ_RUNS,
  check,
  expectJsonError,
  isInvokeResponse,
  isPlainObject,
  junkString,
  junkValue,
  mostly,
  send,
  snapshot,
  toBody,
  startFuzzApp,
} from './fuzz-support';

/**
 * Property-based fuzzing of the Teams Adaptive Card buttons (issue 9): `invoke` activities named
 * `adaptiveCard/action` on POST /api/messages (src/channels/teams/teams-staff.ts). The bot answers
 * with an invoke response: the HTTP status is the response's `statusCode` and the body is
 * `{ statusCode, type, value }`, an updated card (200) or `application/vnd.microsoft.error`
 * (400 for an action botbuilder does not support, 404 for an unknown handoff). A card in a
 * channel that is not linked to the handoff's instance, an unknown verb, a bad outcome or
 * instance, or an illegal transition answers with the card and a notice, and changes nothing.
 */

const LINKED_CHANNEL = '19:fuzz-linked@thread.tacv2';
const OTHER_CHANNEL = '19:fuzz-other@thread.tacv2';
const LINKED_INSTANCE = 'anhorigkonsulent';
const VERBS = ['handoff.claim', 'handoff.contacted', 'handoff.reroute', 'handoff.close'];
const TABLES = ['handoff', 'handoff_event', 'outbox_job', 'teams_channel_link'];

const catalog = loadCatalogFile();
/** What a value becomes as a property key (String() throws for some objects: then no key). */
const keyOf = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return '';
  }
};
const instanceIds = catalog.instances.map((instance) => instance.id);

describe('fuzzing Teams Adaptive Card actions (adaptiveCard/action invokes)', () => {
  let running: RunningApp;
  let connector: ScriptedConnector;
  let app: Awaited<ReturnType<typeof startFuzzApp>>;
  /** Handoffs of the linked instance: registered, and claimed. */
  let registered: string;
  let claimed: string;
  /** Handoffs of other instances: registered, and closed. */
  let elsewhere: string;
  let closed: string;

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    app = await startFuzzApp({});
    running = app.running;
    const { prisma } = running.app.database;
    const handoffs = new PrismaHandoffRepository(prisma);
    const at = new Date('2026-11-20T10:00:00Z');
    registered = (await handoffs.register(handoffDraft({ instanceId: LINKED_INSTANCE }))).id;
    claimed = (await handoffs.register(handoffDraft({ instanceId: LINKED_INSTANCE }))).id;
    await handoffs.apply(claimed, { action: { type: 'claim', by: 'Anna Staff', byId: 'aad-anna' }, at });
    elsewhere = (await handoffs.register(handoffDraft({ routeId: 'bidrag.verksamhetsstod', instanceId: 'socialkontoret' }))).id;
    closed = (await handoffs.register(handoffDraft({ instanceId: 'kontaktcenter' }))).id;
    await handoffs.apply(closed, { action: { type: 'close', by: 'Bo Staff', outcome: 'resolved' }, at });
    await prisma.teamsChannelLink.create({
      data: {
        instanceId: LINKED_INSTANCE,
        channelConversationId: LINKED_CHANNEL,
        reference: { conversation: { id: LINKED_CHANNEL } },
        linkedBy: 'fuzz',
        linkedAt: at,
      },
    });
  });
  afterAll(async () => {
    try {
      await app.stop();
    } finally {
      await connector.stop();
    }
  });

  const invoke = (conversationId: string, value: unknown, from: unknown) =>
    send(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: toBody({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: conversationId, conversationType: 'channel', isGroup: true },
        from,
        recipient: { id: '28:lotsen', name: 'Lotsen' },
        channelData: { channel: { id: conversationId.split(';')[0] }, team: { id: 'team-1' } },
        ...(value === undefined ? {} : { value }),
      }),
    });

  /**
   * An action that must change nothing. On a handoff of the linked instance, pressed in the
   * linked channel, only a verb that fails is used: an unknown one, claiming the claimed
   * handoff, "contacted" on the unclaimed one, closing with an unknown outcome, rerouting to an
   * unknown instance. Anywhere else (unknown or other instances' handoffs, another channel,
   * junk conversation ids) any verb goes.
   */
  const harmlessAction = () => {
    const junkData = fc.dictionary(fc.oneof(fc.constantFrom('handoffId', 'instanceId', 'outcome', 'verb'), junkString(10)), junkValue, { maxKeys: 4 });
    // VERBS is looked up with the verb as a property key, so ['handoff.claim'] would be a verb too.
    const junkVerb = fc.oneof(junkString(30), junkValue).filter((verb) => !VERBS.includes(keyOf(verb)));
    const anyVerb = fc.oneof(fc.constantFrom(...VERBS), junkVerb);
    const junkOutcome = mostly(junkString(20)).filter((outcome) => !(OUTCOMES as readonly unknown[]).includes(outcome));
    const junkInstance = mostly(junkString(20)).filter((instanceId) => !instanceIds.includes(instanceId as string));
    const inLinkedChannel = fc.constantFrom(LINKED_CHANNEL, `${LINKED_CHANNEL};messageid=1795000000000`);
    const failing = fc.oneof(
      fc.record({ handoffId: fc.constantFrom(registered, claimed), verb: junkVerb, data: junkData }),
      fc.record({ handoffId: fc.constant(claimed), verb: fc.constant('handoff.claim'), data: junkData }),
      fc.record({ handoffId: fc.constant(registered), verb: fc.constant('handoff.contacted'), data: junkData }),
      fc
        .tuple(fc.constantFrom(registered, claimed), junkOutcome, junkData)
        .map(([handoffId, outcome, data]) => ({ handoffId, verb: 'handoff.close', data: { ...data, outcome } })),
      fc
        .tuple(fc.constantFrom(registered, claimed), junkInstance, junkData)
        .map(([handoffId, instanceId, data]) => ({ handoffId, verb: 'handoff.reroute', data: { ...data, instanceId } })),
    );
    const linkedButFailing = fc
      .tuple(inLinkedChannel, failing)
      .map(([conversationId, { handoffId, verb, data }]) => ({ conversationId, verb, data: { ...data, handoffId } }));
    const anywhereElse = fc
      .tuple(
        fc.oneof(
          fc.constantFrom(OTHER_CHANNEL, `${OTHER_CHANNEL};messageid=1`, `a:1${LINKED_CHANNEL}`),
          junkString(40).filter((id) => id !== '' && id.split(';')[0] !== LINKED_CHANNEL),
        ),
        anyVerb,
        junkData,
        fc.oneof(fc.constantFrom(registered, claimed, elsewhere, closed, randomUUID(), registered.toUpperCase(), ` ${registered}`), junkValue),
        fc.option(fc.constantFrom(...instanceIds, 'no-such-instance'), { nil: undefined }),
        fc.option(fc.constantFrom(...OUTCOMES, 'no-such-outcome'), { nil: undefined }),
      )
      .map(([conversationId, verb, data, handoffId, instanceId, outcome]) => ({ conversationId, verb, data: { ...data, handoffId, instanceId, outcome } }));
    const unknownHandoffInLinkedChannel = fc
      .tuple(
        inLinkedChannel,
        anyVerb,
        junkData,
        fc.oneof(
          fc.constantFrom(elsewhere, closed, randomUUID(), '', 'not-a-uuid'),
          junkValue.filter((id) => id !== registered && id !== claimed),
        ),
      )
      .map(([conversationId, verb, data, handoffId]) => ({ conversationId, verb, data: { ...data, handoffId } }));
    return fc.oneof(linkedButFailing, anywhereElse, unknownHandoffInLinkedChannel);
  };

  const staffMember = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ id: '29:fuzz', name: 'Fuzz Staff', aadObjectId: 'aad-fuzz' }) },
    { weight: 1, arbitrary: fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), name: junkValue, aadObjectId: junkValue }, { requiredKeys: ['id'] }) },
  );

  it('when a card action carries junk (verb, data, handoff id, action type) or comes from the wrong channel, then the answer is an invoke response or a 4xx, never a 5xx, and no handoff row changes', async () => {
    const before = await snapshot(running.app.database.prisma, TABLES);
    const value = fc.oneof(
      // A well-formed Action.Execute with harmless content.
      {
        weight: 6,
        arbitrary: fc
          .tuple(harmlessAction(), fc.record({ id: junkValue, title: junkValue, trigger: junkValue }, { requiredKeys: [] }))
          .map(([action, extra]) => ({ ...action, value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, ...extra } })),
      },
      // An action of another type, or no usable action at all, or no value.
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            harmlessAction(),
            fc.oneof(
              junkString(20).filter((type) => type !== 'Action.Execute'),
              fc.constant('Action.Submit'),
            ),
          )
          .map(([action, type]) => ({ ...action, value: { action: { type, verb: action.verb, data: action.data } } })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(harmlessAction(), fc.oneof(junkValue, fc.record({ action: junkValue }), fc.constant(undefined)))
          .map(([action, junk]) => ({ ...action, value: junk })),
      },
    );
    await fc.assert(
      fc.asyncProperty(value, staffMember, async ({ conversationId, value: sent }, from) => {
        const answer = await invoke(conversationId, sent, from);
        check(answer.status < 500, 'expected no 5xx', answer);
        if (isPlainObject(answer.json) && 'error' in answer.json) expectJsonError(answer);
        else
          check(
            isInvokeResponse(answer) && isPlainObject((answer.json as { value: unknown }).value),
            'expected an invoke response { statusCode = HTTP status, type, value }',
            answer,
          );
        expect(await snapshot(running.app.database.prisma, TABLES)).toEqual(before);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  // Product bugs the property above found (issue 9 report), pinned as exact cases.
  describe('regressions found by fuzzing', () => {
    it.each([1, 'x', true, {}, { action: null }, [1]])(
      'when a card action’s value is %j (no action object), then the answer is a 400 invoke response, not a bodiless 501',
      async (value) => {
        // botbuilder reads value.action.type before checking that there is an action: a TypeError,
        // the turn fails (the error text is posted to the channel) and no invoke response is set.
        const answer = await invoke(LINKED_CHANNEL, value, { id: '29:fuzz', name: 'Fuzz Staff' });
        check(answer.status >= 400 && answer.status < 500, 'expected a 4xx', answer);
        check(isInvokeResponse(answer) || (isPlainObject(answer.json) && 'error' in answer.json), 'expected an invoke response or a JSON error', answer);
      },
    );
  });
});
