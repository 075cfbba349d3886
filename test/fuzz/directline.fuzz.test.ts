import { createHmac } from 'node:crypto';
import { jsonProblem } from '../../src/domain/json-shape';
import fc from 'fast-check';
import type { RunningApp } from '../support/test-app';
import {
  FUZZ_RUNS,
  MAX_BODY_BYTES,
  NASTY_STRINGS,
  check,
  deeplyNested,
  encodable,
  expectJsonError,
  headerSafe,
  hugeString,
  isPlainObject,
  junkString,
  junkValue,
  jwtLooking,
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
 * Property-based fuzzing of the self-hosted Direct Line (issue 9): src/server/directline-routes.ts
 * and src/channels/directline/*. Tokens are HMAC-signed and bound to one conversation (401 when
 * missing, invalid or expired; 403 for another conversation); a posted activity is validated
 * (400 INVALID_ACTIVITY naming the field); tokens are limited per IP (30/min) and posts per
 * conversation (40/min), both 429, which counts as a fitting 4xx here.
 */

const SECRET = 'a-fuzzing-secret-of-at-least-32-characters';
const OTHER_SECRET = 'another-secret-of-at-least-32-characters!';
/** What a request that must be refused may not change. */
const ALL_TABLES = ['directline_activity', 'bot_state', 'handoff', 'handoff_event', 'outbox_job'];
const HANDOFF_TABLES = ['handoff', 'handoff_event', 'outbox_job'];
/** Tokens made up front: 30 a minute per IP is the limit, and the last property uses the rest. */
const GRANTS = 20;

interface Grant {
  readonly conversationId: string;
  readonly token: string;
}

const sign = (secret: string, payload: string) => `dl1.${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
const payloadOf = (claims: unknown) => Buffer.from(JSON.stringify(claims) ?? 'null').toString('base64url');

/** A valid message a resident could post. */
const aMessage = { type: 'message', text: 'hej', from: { id: 'resident' } };

describe('fuzzing the self-hosted Direct Line /v3/directline', () => {
  let running: RunningApp;
  let app: Awaited<ReturnType<typeof startFuzzApp>>;
  let grants: Grant[] = [];
  let turn = 0;
  /** The grants in turn, so no conversation reaches the 40 posts a minute. */
  const nextGrant = () => grants[turn++ % grants.length]!;
  const call = (method: string, path: string, authorization?: string, body?: string): Promise<Answer> =>
    send(`${running.baseUrl}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      ...(body === undefined ? {} : { body }),
    });
  const activitiesOf = (conversationId: string) => `/conversations/${encodeURIComponent(conversationId)}/activities`;
  const rows = (tables: readonly string[]) => snapshot(running.app.database.prisma, tables);

  beforeAll(async () => {
    app = await startFuzzApp({ DIRECTLINE_SECRET: SECRET });
    running = app.running;
    for (let index = 0; index < GRANTS; index += 1) grants.push((await call('POST', '/tokens/generate', undefined, '{}')).json as Grant);
    grants = grants.filter((grant) => typeof grant?.token === 'string');
    expect(grants).toHaveLength(GRANTS);
    // One conversation with a transcript (the greeting), for the polls.
    expect((await call('POST', '/conversations', `Bearer ${grants[0]!.token}`)).status).toBe(201);
  });
  afterAll(() => app.stop());

  /** Tokens that must not open anything: junk, tampered real ones, forged, expired, odd claims. */
  const badToken = (): fc.Arbitrary<string> => {
    const real = fc.nat({ max: GRANTS - 1 }).map((index) => grants[index]!.token);
    return fc.oneof(
      junkString(80),
      jwtLooking,
      fc.tuple(junkString(40), junkString(40)).map(([payload, signature]) => `dl1.${payload}.${signature}`),
      // A real token with one character changed, dropped or added.
      fc.tuple(real, fc.nat(), fc.constantFrom('A', '-', '_', '.', '=', ' ')).map(([token, at, character]) => {
        const index = at % token.length;
        const changed = `${token.slice(0, index)}${character}${token.slice(index + 1)}`;
        return changed === token ? `${token.slice(0, index)}${token.slice(index + 1)}` : changed;
      }),
      fc.tuple(real, fc.constantFrom('x', '.', '..', '.dl1')).map(([token, suffix]) => `${token}${suffix}`),
      // A real signature on other claims; claims signed with another secret.
      fc
        .tuple(real, fc.string({ minLength: 1, maxLength: 30 }))
        .map(([token, conversationId]) => `dl1.${payloadOf({ conversationId, expiresAt: 4_102_444_800 })}.${token.split('.')[2]}`),
      fc.string({ minLength: 1, maxLength: 30 }).map((conversationId) => sign(OTHER_SECRET, payloadOf({ conversationId, expiresAt: 4_102_444_800 }))),
      // Properly signed, but expired or with claims of the wrong shape (or no JSON at all).
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: -1e12, max: Math.floor(Date.now() / 1000) }))
        .map(([conversationId, expiresAt]) => sign(SECRET, payloadOf({ conversationId, expiresAt }))),
      fc
        .oneof(
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((claims) => !isPlainObject(claims) || typeof claims.conversationId !== 'string' || typeof claims.expiresAt !== 'number'),
          fc.constant({ conversationId: 'x', expiresAt: '9999999999' }),
        )
        .map((claims) => sign(SECRET, payloadOf(claims))),
      junkString(40).map((text) => sign(SECRET, Buffer.from(text).toString('base64url'))),
    );
  };

  it('when a token is junk, tampered, forged, expired or oddly shaped, then every call with it is 401 (429 when rate limited) with a JSON error and no row changes', async () => {
    const before = await rows(ALL_TABLES);
    const authorization = fc.oneof(
      {
        weight: 4,
        arbitrary: badToken()
          .filter(headerSafe)
          .map((token) => `Bearer ${token}`),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('bearer ', 'Bearer  ', 'Basic ', '', 'Bearer\t'), fc.nat({ max: GRANTS - 1 }))
          .map(([scheme, index]) => `${scheme}${grants[index]!.token}`),
      },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const where = fc.oneof(
      fc.constant({ method: 'POST', path: '/tokens/refresh' }),
      fc.constant({ method: 'POST', path: '/conversations' }),
      fc.nat({ max: GRANTS - 1 }).map((index) => ({ method: 'GET', path: activitiesOf(grants[index]!.conversationId) })),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/).map((id) => ({ method: 'POST', path: activitiesOf(id) })),
    );
    await fc.assert(
      fc.asyncProperty(
        authorization.filter((header) => header === undefined || headerSafe(header)),
        where,
        async (header, { method, path }) => {
          const answer = await call(method, path, header, method === 'POST' ? JSON.stringify(aMessage) : undefined);
          const { code } = expectJsonError(answer, [401, 429]);
          check(code === (answer.status === 401 ? 'UNAUTHORIZED' : 'RATE_LIMITED'), 'expected UNAUTHORIZED (or RATE_LIMITED)', answer);
        },
      ),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  it('when a valid token is used on another conversation id, then the answer is 403 (404 when the path does not route, 429 when rate limited) and no row changes', async () => {
    const before = await rows(ALL_TABLES);
    const otherId = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).map((id) => ({ raw: false, id })),
      junkString(60)
        .filter((id) => id !== '' && encodable(id))
        .map((id) => ({ raw: false, id })),
      // Left as written in the path: invalid percent-encodings, dot segments, slashes.
      fc.constantFrom('%ZZ', '%', '%00', '%C0%AF', '..', '.', 'a/b', '%2e%2e', '%2F').map((id) => ({ raw: true, id })),
    );
    await fc.assert(
      fc.asyncProperty(otherId, fc.constantFrom('GET', 'POST'), async ({ raw, id }, method) => {
        const grant = nextGrant();
        fc.pre(id !== grant.conversationId);
        const path = raw ? `/conversations/${id}/activities` : activitiesOf(id);
        const answer = await call(method, path, `Bearer ${grant.token}`, method === 'POST' ? JSON.stringify(aMessage) : undefined);
        if (!raw && /^[A-Za-z0-9_-]+$/.test(id)) return void expectJsonError(answer, method === 'POST' ? [403, 429] : [403]);
        expectJsonError(answer, [400, 403, 404, 405, 429]);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  it('when a watermark is junk, then the poll answers 200 with this conversation’s activities only (or a 4xx JSON error), never a 5xx', async () => {
    const before = await rows(ALL_TABLES);
    const grant = grants[0]!;
    const query = fc.oneof(
      junkString(40)
        .filter(encodable)
        .map((watermark) => `?watermark=${encodeURIComponent(watermark)}`),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((watermark) => `?watermark=${watermark}`),
      fc.constantFrom(
        '?watermark',
        '?watermark=',
        '?watermark[]=1',
        '?watermark[a]=1',
        '?watermark=1&watermark=2',
        '?watermark=%ZZ',
        '?watermark=%00',
        '?watermark=1e400',
        '?watermark=-0',
        '?watermark=0x10',
        '?&&&',
        '?=',
        '?watermark=9223372036854775808',
        '?__proto__[x]=1',
        '?constructor=1',
      ),
      fc
        .tuple(junkString(10).filter(encodable), junkString(10).filter(encodable))
        .map(([key, value]) => `?${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
    );
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        const answer = await call('GET', `${activitiesOf(grant.conversationId)}${search}`, `Bearer ${grant.token}`);
        if (answer.status !== 200) return void expectJsonError(answer);
        const body = answer.json as { activities?: { conversation?: { id?: string } }[]; watermark?: unknown };
        check(isPlainObject(body) && Array.isArray(body.activities), 'expected {"activities":[…]}', answer);
        check(
          body.activities!.every((activity) => activity.conversation?.id === grant.conversationId),
          'expected only this conversation’s activities',
          answer,
        );
        check(body.watermark === undefined || typeof body.watermark === 'string', 'expected a string watermark or none', answer);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  interface Breakage {
    readonly field: string;
    readonly changes: Readonly<Record<string, unknown>>;
  }
  const breaking = (field: string, values: fc.Arbitrary<unknown>, key = field): fc.Arbitrary<Breakage> =>
    values.map((value) => ({ field, changes: { [key]: value } }));
  /** Exactly one field Direct Line validates made invalid, and the field the 400 must name. */
  const breakage: fc.Arbitrary<Breakage> = fc.oneof(
    breaking(
      'type',
      fc.oneof(
        notAString,
        junkString(20).filter((type) => !['message', 'event', 'typing'].includes(type)),
        fc.constant(undefined),
      ),
    ),
    breaking('text', fc.oneof(notAString, longerThan(4_000))),
    breaking('name', fc.oneof(notAString, longerThan(100))),
    breaking('locale', fc.oneof(notAString, longerThan(20))),
    breaking('textFormat', fc.oneof(notAString, longerThan(20))),
    breaking('from', fc.oneof(notAnObject, fc.constant(undefined))),
    fc.oneof(notAString, fc.constant(''), longerThan(256), fc.constant(undefined)).map((id) => ({ field: 'from.id', changes: { from: { id, name: 'x' } } })),
    fc.oneof(notAString, longerThan(256)).map((name) => ({ field: 'from.name', changes: { from: { id: 'resident', name } } })),
    breaking(
      'channelData',
      fc.oneof(
        notAnObject.filter((value) => value !== undefined),
        fc.array(junkValue, { minLength: 1, maxLength: 3 }),
      ),
    ),
    fc
      .oneof(notAString, longerThan(100))
      .map((clientActivityID) => ({ field: 'channelData.clientActivityID', changes: { channelData: { clientActivityID } } })),
    breaking('value', fc.oneof(longerThan(1_000), fc.array(longerThan(100), { minLength: 10, maxLength: 12 }))),
    breaking(
      'attachments',
      fc.oneof(
        junkString(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.dictionary(junkString(8), junkValue, { maxKeys: 2 }),
        fc.array(junkValue, { minLength: 1, maxLength: 3 }),
      ),
    ),
  );

  it('when one field of a posted activity is wrong, then the answer is 400 INVALID_ACTIVITY naming that field (429 when rate limited) and nothing is stored', async () => {
    const before = await rows(ALL_TABLES);
    const valid = fc
      .record(
        {
          type: fc.constantFrom('message', 'event', 'typing'),
          text: junkString(100),
          value: junkValue.filter((value) => (JSON.stringify(value) ?? '').length <= 1_000),
          name: junkString(20).filter((name) => Array.from(name).length <= 100),
          from: fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }) }),
          channelData: fc.dictionary(junkString(10), junkValue, { maxKeys: 3 }),
          extra: junkValue,
        },
        { requiredKeys: ['type', 'from'] },
      )
      .map((activity) => activity as Record<string, unknown>)
      // Valid means storable too: NULs, lone surrogates and absurd nesting are refused with a 400 of their own.
      .filter((activity) => jsonProblem(activity) === undefined && shallowEnough(activity));
    await fc.assert(
      fc.asyncProperty(valid, breakage, async (activity, broken) => {
        const grant = nextGrant();
        const body = toBody({ ...activity, ...broken.changes });
        const answer = await call('POST', activitiesOf(grant.conversationId), `Bearer ${grant.token}`, body);
        if (Buffer.byteLength(body) > MAX_BODY_BYTES) return void expectJsonError(answer, [413], 'PAYLOAD_TOO_LARGE');
        const { code, message } = expectJsonError(answer, [400, 429]);
        if (answer.status === 429) return;
        check(
          code === 'INVALID_ACTIVITY' && message.startsWith(`Invalid activity: ${broken.field}`),
          `expected INVALID_ACTIVITY naming "${broken.field}"`,
          answer,
        );
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  it('when an arbitrary body is posted with a valid token, then the answer is 200 {"id"} or a 4xx JSON error, never a 5xx, and the handoff log is untouched', async () => {
    const before = await rows(HANDOFF_TABLES);
    const activityLike = fc
      .record(
        {
          type: mostly(fc.constantFrom('message', 'event', 'typing')),
          text: mostly(fc.oneof(junkString(200), fc.constantFrom('hej', 'anhoriglanken', 'ja'))),
          value: junkValue,
          name: mostly(junkString(30)),
          locale: mostly(fc.constantFrom('sv', 'en', 'sv-SE', '')),
          from: mostly(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), name: mostly(junkString(20)), role: junkValue }, { requiredKeys: ['id'] })),
          channelData: mostly(fc.dictionary(junkString(10), junkValue, { maxKeys: 3 })),
          attachments: mostly(fc.constant([])),
          conversation: junkValue,
          recipient: junkValue,
          id: junkValue,
          extra: junkValue,
        },
        { requiredKeys: ['type', 'from'] },
      )
      .map(toBody);
    const body = fc.oneof(
      { weight: 6, arbitrary: activityLike },
      { weight: 1, arbitrary: fc.oneof(junkString(200), fc.string({ unit: 'binary', maxLength: 500 }), hugeString) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
          deeplyNested().map(toBody),
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const grant = nextGrant();
        const answer = await call('POST', activitiesOf(grant.conversationId), `Bearer ${grant.token}`, sent);
        if (answer.status === 200) return void check(isPlainObject(answer.json) && typeof answer.json.id === 'string', 'expected {"id":"…"}', answer);
        expectJsonError(answer);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(HANDOFF_TABLES)).toEqual(before);
  });

  it('when tokens/generate gets an arbitrary body, then it answers 200 with a grant or a 4xx JSON error (429 once the per-IP limit is used up)', async () => {
    const body = fc.oneof(
      junkString(100),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.constantFrom(...NASTY_STRINGS),
      deeplyNested().map(toBody),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const answer = await call('POST', '/tokens/generate', undefined, sent);
        if (answer.status === 200)
          return void check(
            isPlainObject(answer.json) && typeof answer.json.token === 'string' && typeof answer.json.conversationId === 'string',
            'expected a grant',
            answer,
          );
        expectJsonError(answer, [400, 413, 415, 429]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  // Product bugs the properties above found (issue 9 report), pinned as exact cases. A plain
  // Error thrown in a route becomes restify's own 500 {"code":"Internal","message":String(err)}:
  // not the contract's shape, and it hands internals (Prisma's message, file paths) to the client.
  describe('regressions found by fuzzing', () => {
    const expectNoLeak = (answer: Answer) => {
      check(answer.status < 500, 'expected no 5xx', answer);
      check(!/Prisma|RangeError|\.ts:|\.js:/.test(answer.text), 'expected no internals in the answer', answer);
    };

    it('when a posted message’s text contains a NUL character, then the answer is 200 or a 400 JSON error, not a 500 with Prisma’s message', async () => {
      const grant = nextGrant();
      const answer = await call(
        'POST',
        activitiesOf(grant.conversationId),
        `Bearer ${grant.token}`,
        JSON.stringify({ type: 'message', text: 'hej\u0000då', from: { id: 'resident' } }),
      );
      expectNoLeak(answer);
      if (answer.status !== 200) expectJsonError(answer, [400]);
    });

    it.each([
      ['text', { text: 'a\ud800b' }],
      ['from.name', { from: { id: 'resident', name: '\udfff' } }],
      ['a channelData key', { channelData: { '\ud800': 1 } }],
    ])(
      'when a posted message carries a lone UTF-16 surrogate in its %s, then the answer is 200 or a 400 JSON error, not a 500 with Prisma’s message',
      async (_where, change) => {
        // JSON.stringify writes it as "\\ud800", which PostgreSQL's jsonb refuses.
        const grant = nextGrant();
        const answer = await call('POST', activitiesOf(grant.conversationId), `Bearer ${grant.token}`, JSON.stringify({ ...aMessage, ...change }));
        expectNoLeak(answer);
        if (answer.status !== 200) expectJsonError(answer, [400]);
      },
    );

    it('when a posted activity’s value nests 5 000 arrays deep, then the answer is 200 or a 4xx JSON error, not a 500 "RangeError: Maximum call stack size exceeded"', async () => {
      const grant = nextGrant();
      const answer = await call('POST', activitiesOf(grant.conversationId), `Bearer ${grant.token}`, toBody({ ...aMessage, value: '@@nested:5000:array@@' }));
      expectNoLeak(answer);
      if (answer.status !== 200) expectJsonError(answer);
    });

    it('when something is appended to a valid token after a dot, then the token is refused with 401', async () => {
      // TokenSigner.verify reads only the first three dot-separated parts.
      for (const suffix of ['.', '.x', '.dl1.anything'])
        expectJsonError(await call('POST', '/tokens/refresh', `Bearer ${grants[1]!.token}${suffix}`), [401], 'UNAUTHORIZED');
    });
  });
});
