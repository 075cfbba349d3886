import fc from 'fast-check';
import { describeInvalidActivity } from '../../src/channels/inbound-activity';
import { jsonProblem } from '../../src/domain/json-shape';
import { message, type RunningApp } from '../support/test-app';
import {
  CLOSED_SERVICE_URL,
  FUZZ_RUNS,
  MAX_BODY_BYTES,
  check,
  deeplyNested,
  expectJsonError,
  hugeString,
  isInvokeResponse,
  isPlainObject,
  junkString,
  junkValue,
  longerThan,
  mostly,
  notAString,
  notAnObject,
  send,
  snapshot,
  toBody,
  startFuzzApp,
  type Answer,
  shallowEnough,
} from './fuzz-support';

/**
 * Property-based fuzzing of POST /api/messages (issue 9) in development mode (no MicrosoftAppId,
 * so no Bot Framework authentication). What the product validates is
 * src/channels/inbound-activity.ts: a bad activity is 400 INVALID_ACTIVITY naming the field;
 * a body that is not JSON is 400, one not sent as JSON 415, one over MAX_BODY_BYTES 413.
 */

/** Every table a rejected request must leave alone (bot_state too: no turn may run). */
const ALL_TABLES = ['bot_state', 'handoff', 'handoff_event', 'outbox_job', 'teams_channel_link', 'directline_activity'];
/** What a valid turn legitimately writes is bot_state; the handoff log it may not touch on its own. */
const HANDOFF_TABLES = ['handoff', 'handoff_event', 'outbox_job', 'teams_channel_link'];

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON'];
const NON_JSON_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'image/png',
];

/** Fields a message may carry that Lotsen does not validate but botbuilder and the dialogs read. */
const passThroughJunk = fc
  .tuple(
    fc.record(
      {
        value: junkValue,
        attachments: fc.oneof(junkValue, fc.array(junkValue, { maxLength: 3 })),
        entities: fc.oneof(junkValue, fc.array(junkValue, { maxLength: 3 })),
        channelData: junkValue,
        locale: fc.constantFrom('sv', 'en-US', 'sv-SE', 'so'), // validated: its own breakage below
        timestamp: junkValue,
        localTimestamp: junkValue,
        membersAdded: junkValue,
        replyToId: junkValue,
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(junkString(12), junkValue, { maxKeys: 2 }),
  )
  .map(([known, extra]) => ({ ...extra, ...known }) as Record<string, unknown>);

/** A valid message activity (text included, junk in every field Lotsen passes through). */
const validActivity = fc
  .tuple(
    fc.oneof(
      junkString(200),
      fc.constantFrom('hej', 'anhoriglanken', 'min pappa andas inte'),
      hugeString.map((text) => text.slice(0, 10_000)),
    ),
    fc.constantFrom('emulator', 'webchat', 'directline'),
    fc.constantFrom<Record<string, string | undefined>>(
      { deliveryMode: 'expectReplies', serviceUrl: undefined },
      { deliveryMode: undefined, serviceUrl: CLOSED_SERVICE_URL },
      { deliveryMode: 'expectReplies', serviceUrl: CLOSED_SERVICE_URL },
    ),
    passThroughJunk,
    fc.uuid(),
  )
  .map(
    ([text, channelId, delivery, junk, conversationId]) =>
      ({ ...junk, ...message('', `fuzz-${conversationId}`), text, channelId, ...delivery }) as Record<string, unknown>,
  )
  // Valid means storable too: NULs, lone surrogates and absurd nesting are the 400s tested below.
  .filter((activity) => describeInvalidActivity(activity) === undefined && shallowEnough(activity));

interface Breakage {
  /** The field the 400 must name (the path, joined with dots). */
  readonly field: string;
  /** What replaces the valid activity's fields (undefined: the field is left out). */
  readonly changes: Readonly<Record<string, unknown>>;
}

const breaking = (field: string, key: string, values: fc.Arbitrary<unknown>, also: Record<string, unknown> = {}): fc.Arbitrary<Breakage> =>
  values.map((value) => ({ field, changes: { ...also, [key]: value } }));
const badId = (max: number) => fc.oneof(notAString, fc.constant(''), longerThan(max), fc.constant(undefined));
const badIdIn = (field: string, max: number, required: boolean): fc.Arbitrary<Breakage>[] => [
  breaking(field, field, required ? fc.oneof(notAnObject, fc.constant(undefined)) : notAnObject),
  breaking(
    `${field}.id`,
    field,
    fc.tuple(badId(max), fc.dictionary(fc.constantFrom('name', 'role', 'aadObjectId', 'x'), junkValue, { maxKeys: 2 })).map(([id, rest]) => ({ ...rest, id })),
  ),
];

/** Exactly one validated field made invalid, and the field the answer must name. */
const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  breaking('type', 'type', fc.oneof(notAString, fc.constant(''), longerThan(64), fc.constant(undefined))),
  breaking('id', 'id', fc.oneof(notAString, longerThan(256))),
  breaking('channelId', 'channelId', fc.oneof(notAString, fc.constant(''), longerThan(64), fc.constant(undefined))),
  breaking('serviceUrl', 'serviceUrl', fc.oneof(notAString, longerThan(2048)), { deliveryMode: 'expectReplies' }),
  breaking('deliveryMode', 'deliveryMode', fc.oneof(notAString, longerThan(32)), { serviceUrl: CLOSED_SERVICE_URL }),
  ...badIdIn('conversation', 512, true),
  ...badIdIn('from', 512, true),
  ...badIdIn('recipient', 512, false),
  breaking('text', 'text', fc.oneof(notAString, longerThan(10_000))),
  breaking('locale', 'locale', fc.oneof(notAString, longerThan(20))),
  // Replies must go somewhere: no serviceUrl (or an empty one) needs deliveryMode "expectReplies".
  fc
    .tuple(
      fc.constantFrom(undefined, ''),
      fc.oneof(
        fc.constant(undefined),
        junkString(32).filter((mode) => mode.length <= 32 && mode !== 'expectReplies' && jsonProblem(mode) === undefined),
      ),
    )
    .map(([serviceUrl, deliveryMode]) => ({ field: 'serviceUrl', changes: { serviceUrl, deliveryMode } })),
);

describe('fuzzing the Bot Framework endpoint POST /api/messages', () => {
  let running: RunningApp;
  let app: Awaited<ReturnType<typeof startFuzzApp>>;
  /** `contentType` null: none is set (fetch then says text/plain for a string body). */
  const post = (body: string | Uint8Array, contentType: string | null = 'application/json'): Promise<Answer> =>
    send(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: contentType === null ? {} : { 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const rows = (tables: readonly string[]) => snapshot(running.app.database.prisma, tables);

  beforeAll(async () => {
    app = await startFuzzApp({});
    running = app.running;
  });
  afterAll(() => app.stop());

  it('when the body is not JSON, not an object, or not sent as JSON, then the answer is a 4xx JSON error and no row changes', async () => {
    const before = await rows(ALL_TABLES);
    const notJsonText = fc.oneof(
      junkString(200),
      fc.string({ unit: 'binary', maxLength: 2_000 }),
      // A valid activity cut short.
      fc.nat({ max: 200 }).map((cut) => JSON.stringify(message('hej')).slice(0, cut)),
      fc.constantFrom('{', '{"type":"message",', '{"a":1}}', "{'type':'message'}", '{"type":"message"} trailing', 'NaN', 'undefined', '\u0000', '\ufeff{}'),
    );
    const notAnObjectJson = fc
      .oneof(
        fc.jsonValue({ maxDepth: 3 }).filter((value) => !isPlainObject(value)),
        deeplyNested(),
      )
      .map((value) => toBody(value));
    const body = fc.oneof(notJsonText, notAnObjectJson, fc.uint8Array({ maxLength: 2_000 }), hugeString);
    const contentType = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...JSON_TYPES) },
      { weight: 2, arbitrary: fc.constantFrom(...NON_JSON_TYPES) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, async (sent, type) => {
        const answer = await post(sent, type);
        const bytes = typeof sent === 'string' ? Buffer.byteLength(sent) : sent.byteLength;
        if (bytes > MAX_BODY_BYTES) return void expectJsonError(answer, [413], 'PAYLOAD_TOO_LARGE');
        if (type === null || NON_JSON_TYPES.includes(type)) return void expectJsonError(answer, [415], 'UNSUPPORTED_MEDIA_TYPE');
        const { code } = expectJsonError(answer, [400]);
        check(code === 'BAD_REQUEST' || code === 'INVALID_ACTIVITY', 'expected BAD_REQUEST or INVALID_ACTIVITY', answer);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  it('when one validated field has the wrong type or size, then the answer is 400 INVALID_ACTIVITY naming that field and no row changes', async () => {
    const before = await rows(ALL_TABLES);
    await fc.assert(
      fc.asyncProperty(validActivity, breakage, async (activity, broken) => {
        const body = toBody({ ...activity, ...broken.changes });
        const answer = await post(body);
        if (Buffer.byteLength(body) > MAX_BODY_BYTES) return void expectJsonError(answer, [413], 'PAYLOAD_TOO_LARGE');
        const { message: said } = expectJsonError(answer, [400], 'INVALID_ACTIVITY');
        check(said.startsWith(`Invalid activity: ${broken.field}`), `expected the message to name "${broken.field}"`, answer);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  it('when an arbitrary activity-like object is posted, then the answer is 2xx (with JSON replies for expectReplies) or a 4xx JSON error, never a 5xx, and the handoff log is untouched', async () => {
    const before = await rows(HANDOFF_TABLES);
    const party = mostly(
      fc.record({ id: fc.oneof(fc.uuid(), junkString(30)), name: junkValue, role: fc.constantFrom('user', 'bot') }, { requiredKeys: ['id'] }),
    );
    const activity = fc
      .tuple(
        fc.record(
          {
            type: mostly(
              fc.constantFrom(
                'message',
                'conversationUpdate',
                'event',
                'invoke',
                'typing',
                'messageReaction',
                'endOfConversation',
                'installationUpdate',
                'trace',
                'handoff',
                'delay',
              ),
            ),
            id: mostly(fc.uuid()),
            name: mostly(
              fc.constantFrom('adaptiveCard/action', 'application/search', 'signin/verifyState', 'composeExtension/query', 'task/fetch', 'webchat/join'),
            ),
            text: mostly(
              fc.oneof(fc.constantFrom('hej', 'anhoriglanken', 'ja', 'nej', 'avbryt', 'min pappa andas inte', 'koppla anhorigkonsulent'), junkString(300)),
            ),
            channelId: mostly(fc.constantFrom('emulator', 'webchat', 'msteams', 'directline', 'slack')),
            deliveryMode: fc.oneof(
              { weight: 4, arbitrary: fc.constant('expectReplies') },
              { weight: 1, arbitrary: fc.constantFrom('normal', 'notification', undefined) },
              { weight: 1, arbitrary: junkValue },
            ),
            serviceUrl: fc.oneof({ weight: 4, arbitrary: fc.constant(CLOSED_SERVICE_URL) }, { weight: 1, arbitrary: notAString }),
            conversation: mostly(
              fc.record(
                { id: fc.oneof(fc.uuid(), junkString(30)), conversationType: junkValue, isGroup: junkValue, tenantId: junkValue },
                { requiredKeys: ['id'] },
              ),
            ),
            from: party,
            recipient: party,
          },
          { requiredKeys: ['type', 'channelId', 'conversation', 'from', 'deliveryMode', 'serviceUrl'] },
        ),
        passThroughJunk,
      )
      .map(([envelope, junk]) => ({ ...junk, ...envelope }));
    await fc.assert(
      fc.asyncProperty(activity, async (sent) => {
        const body = toBody(sent);
        const answer = await post(body);
        if (answer.status >= 200 && answer.status < 300) {
          if (sent.deliveryMode === 'expectReplies')
            check(isPlainObject(answer.json) && Array.isArray(answer.json.activities), 'expected {"activities":[…]} for expectReplies', answer);
          return;
        }
        // An invoke is answered with an invoke response, a 4xx one included (e.g. an unsupported card action).
        if (sent.type === 'invoke' && answer.status < 500 && isInvokeResponse(answer)) return;
        expectJsonError(answer);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(await rows(HANDOFF_TABLES)).toEqual(before);
  });

  // Product bugs the properties above found (issue 9 report), pinned as exact cases.
  describe('regressions found by fuzzing', () => {
    it.each(['conversation', 'from'])(
      'when an expectReplies message carries 5 000 levels of nested arrays inside its %s, then the answer is 200 or a 4xx JSON error, not a bodiless 500',
      async (field) => {
        // botbuilder copies the activity's conversation and from into every reply; the
        // expectReplies body then overflows restify's JSON formatter (which also logs the whole
        // request, body included, at warn level: message text in the log).
        const activity = message('hej');
        const answer = await post(toBody({ ...activity, [field]: { ...(activity[field] as object), extra: '@@nested:5000:array@@' } }));
        check(answer.status === 200 || (answer.status >= 400 && answer.status < 500), 'expected 200 or a 4xx', answer);
        if (answer.status !== 200) expectJsonError(answer);
      },
    );

    it.each([25, ['en'], { en: true }])(
      'when a message’s locale is %j (not a string), then the answer is 200 or a 400 JSON error, not a 500 from the turn-error handler',
      async (locale) => {
        // A turn that fails (here: locale is not a string) is answered by turnErrorText, which calls
        // activity.locale?.startsWith: a TypeError inside the error handler, so botbuilder answers 500.
        const answer = await post(toBody({ ...message('hej'), locale }));
        check(answer.status === 200 || answer.status === 400, 'expected 200 or 400', answer);
        if (answer.status === 400) expectJsonError(answer, [400], 'INVALID_ACTIVITY');
      },
    );

    it('when an invoke activity nobody handles arrives without expectReplies, then the answer is not a bodiless 501', async () => {
      const answer = await post(toBody({ ...message(''), type: 'invoke', name: 'task/fetch', deliveryMode: undefined, serviceUrl: CLOSED_SERVICE_URL }));
      check(answer.status < 500, 'expected no 5xx', answer);
      if (answer.status >= 400 && !isInvokeResponse(answer)) expectJsonError(answer);
    });
  });
});
