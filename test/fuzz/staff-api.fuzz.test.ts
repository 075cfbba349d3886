import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { HANDOFF_STATUSES } from '../../src/domain/handoff/lifecycle';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { handoffDraft } from '../support/handoff-drafts';
import type { RunningApp } from '../support/test-app';
import {
  FUZZ_RUNS,
  check,
  encodable,
  expectJsonError,
  isPlainObject,
  junkAuthorization,
  junkString,
  send,
  snapshot,
  startFuzzApp,
  type Answer,
} from './fuzz-support';

/**
 * Property-based fuzzing of the staff API (issue 9): src/server/staff-api.ts, bearer-authenticated
 * with STAFF_DEV_TOKEN in development. Only GETs: whatever the query, id or header, the answer is
 * 2xx JSON or a 4xx JSON error, never a 5xx, and no row changes.
 */

const TOKEN = 'a-development-token-for-fuzzing';
const TABLES = ['handoff', 'handoff_event', 'outbox_job', 'bot_state', 'teams_channel_link'];
const ENDPOINTS = ['/api/staff/handoffs', '/api/staff/me', '/api/staff/statistics', `/api/staff/handoffs/${randomUUID()}`];

const catalog = loadCatalogFile();

/** A query-string value: junk text (encoded), or written raw into the URL (bad escapes, brackets). */
const queryValue = fc.oneof(
  { weight: 2, arbitrary: junkString(30).filter(encodable).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', '%00', 'x%00', '%00x', '%C0%AF', '%E2%82', '%ED%A0%80', '+', '%2B', '') },
);

/** One `key=value` of a query string: known keys (also as `key[]`/`key[x]`) with known or junk values, or junk keys. */
const queryPair = (keys: readonly string[], knownValues: readonly string[]) =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), fc.constantFrom('[]', '[x]', '[__proto__]'), fc.oneof(fc.constantFrom(...knownValues), queryValue))
        .map(([key, suffix, value]) => `${key}${suffix}=${value}`),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.constantFrom(...knownValues), queryValue)).map(([key, value]) => `${key}=${value}`),
    },
    { weight: 1, arbitrary: fc.tuple(junkString(12).filter(encodable).map(encodeURIComponent), queryValue).map(([key, value]) => `${key}=${value}`) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][x]=1', '&', '=', 'a') },
  );
const queryString = (keys: readonly string[], knownValues: readonly string[]) =>
  fc.array(queryPair(keys, knownValues), { minLength: 1, maxLength: 4 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`));

/** A time as the statistics query might get it: ISO dates of the whole JavaScript range, numbers, junk. */
const timeValue = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => encodeURIComponent(date.toISOString())),
  fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((date) => encodeURIComponent(date.toISOString())),
  fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }).map(String),
  fc.double().map((number) => encodeURIComponent(String(number))),
  fc.constantFrom(
    '2026-11-20',
    '2026-13-45',
    '0',
    '-1',
    '',
    'now',
    'Infinity',
    'NaN',
    '1e400',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '0001-01-01',
    '9999-12-31T23:59:59Z',
  ),
  queryValue,
);

describe('fuzzing the staff API /api/staff', () => {
  let running: RunningApp;
  let app: Awaited<ReturnType<typeof startFuzzApp>>;
  let before: Record<string, unknown[]>;
  let ids: string[] = [];
  /** `authorization` undefined: no header at all. */
  const get = (path: string, authorization: string | undefined): Promise<Answer> =>
    send(`${running.baseUrl}${path}`, { headers: authorization === undefined ? {} : { authorization } });
  const asStaff = (path: string) => get(path, `Bearer ${TOKEN}`);

  beforeAll(async () => {
    app = await startFuzzApp({ STAFF_DEV_TOKEN: TOKEN });
    running = app.running;
    const handoffs = new PrismaHandoffRepository(running.app.database.prisma);
    ids = [
      (await handoffs.register(handoffDraft())).id,
      (await handoffs.register(handoffDraft({ routeId: 'bidrag.verksamhetsstod', instanceId: 'socialkontoret' }))).id,
      (await handoffs.register(handoffDraft({ routeId: 'ovrigt', instanceId: 'kontaktcenter' }))).id,
    ];
    await handoffs.apply(ids[0]!, { action: { type: 'claim', by: 'Development', byId: 'staff:development' }, at: new Date('2026-11-20T10:00:00Z') });
    before = await snapshot(running.app.database.prisma, TABLES);
  });
  afterAll(async () => {
    try {
      // Reading never writes.
      expect(await snapshot(running.app.database.prisma, TABLES)).toEqual(before);
    } finally {
      await app.stop();
    }
  });

  it('when the Authorization header is missing, junk or almost the development token, then every endpoint answers 401 with a JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(junkAuthorization(TOKEN), fc.constantFrom(...ENDPOINTS, '/api/staff/handoffs/x'), async (authorization, path) => {
        expectJsonError(await get(path, authorization), [401], 'UNAUTHORIZED');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('when the handoff list gets a junk query, then it answers 200 with handoffs matching the filter, or 400/403 with a JSON error, never a 5xx', async () => {
    const query = queryString(
      ['status', 'routeId', 'instanceId', 'mine'],
      [...HANDOFF_STATUSES, 'true', 'false', ...catalog.instances.map((instance) => instance.id), 'anhoriglanken', 'ovrigt'],
    );
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        const answer = await asStaff(`/api/staff/handoffs${search}`);
        if (answer.status !== 200) return void expectJsonError(answer, [400, 403]);
        const handoffs = (answer.json as { handoffs?: { id: string; status: string; routeId: string; instanceId: string }[] }).handoffs;
        check(Array.isArray(handoffs) && handoffs.every((handoff) => ids.includes(handoff.id)), 'expected {"handoffs":[…]} of the seeded handoffs', answer);
        const filter = new URLSearchParams(search);
        for (const key of ['status', 'routeId', 'instanceId'] as const) {
          const wanted = filter.get(key);
          if (wanted !== null)
            check(
              handoffs!.every((handoff) => handoff[key] === wanted),
              `expected only handoffs with ${key}=${wanted}`,
              answer,
            );
        }
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  it('when one handoff is asked for by a junk id, then it answers 200 with that handoff (for a seeded id) or 404 with a JSON error', async () => {
    const id = fc.oneof(
      fc.constantFrom(...ids).map((seeded) => ({ raw: false, id: seeded })),
      fc.constantFrom(...ids).map((seeded) => ({ raw: false, id: seeded.toUpperCase() })),
      fc.uuid().map((uuid) => ({ raw: false, id: uuid })),
      junkString(60)
        .filter((text) => text !== '' && encodable(text))
        .map((text) => ({ raw: false, id: text })),
      fc.constantFrom('%ZZ', '%00', '%C0%AF', '..', '%2e', 'a/b', '%2F', `${randomUUID()}%00`, `${randomUUID()}/x`).map((text) => ({ raw: true, id: text })),
    );
    await fc.assert(
      fc.asyncProperty(id, async ({ raw, id: asked }) => {
        const answer = await asStaff(`/api/staff/handoffs/${raw ? asked : encodeURIComponent(asked)}`);
        if (answer.status === 200 && raw) return void check(isPlainObject(answer.json), 'expected JSON', answer);
        if (answer.status === 200)
          return void check(
            isPlainObject(answer.json) && ids.includes(answer.json.id as string) && answer.json.id === asked.toLowerCase(),
            'expected the asked-for handoff',
            answer,
          );
        // A raw path that no longer routes to /handoffs/:id may land on the list, or on 404/405.
        expectJsonError(answer, [404, 405]);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  it('when the statistics get junk from/to, then they answer 200 with numbers or 400 with a JSON error, never a 5xx', async () => {
    const query = fc.oneof(
      fc
        .tuple(fc.option(timeValue, { nil: undefined }), fc.option(timeValue, { nil: undefined }))
        .map(([from, to]) => [from === undefined ? '' : `from=${from}`, to === undefined ? '' : `to=${to}`].filter(Boolean).join('&')),
      queryString(['from', 'to'], ['2026-01-01', '2026-12-31']).map((search) => search.slice(1)),
    );
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        const answer = await asStaff(`/api/staff/statistics${search ? `?${search}` : ''}`);
        if (answer.status !== 200) return void expectJsonError(answer, [400]);
        check(isPlainObject(answer.json) && typeof answer.json.total === 'number', 'expected statistics with a total', answer);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  it('when /me gets a junk query, then it answers 200 with the development member', async () => {
    await fc.assert(
      fc.asyncProperty(queryString(['x'], ['1']), async (search) => {
        const answer = await asStaff(`/api/staff/me${search}`);
        check(answer.status === 200 && isPlainObject(answer.json) && answer.json.id === 'staff:development', 'expected the development member', answer);
      }),
      { numRuns: FUZZ_RUNS / 2 },
    );
  });

  // Product bugs the properties above found (issue 9 report), pinned as exact cases.
  describe('regressions found by fuzzing', () => {
    it.each(['?routeId=%00', '?instanceId=x%00', '?routeId=a%00b&status=registered'])(
      'when the handoff list is filtered with NUL (%s), then the answer is 200 or a 400 JSON error, not a 500 with Prisma’s message',
      async (search) => {
        const answer = await asStaff(`/api/staff/handoffs${search}`);
        check(!/Prisma|\.ts:|\.js:/.test(answer.text), 'expected no internals in the answer', answer);
        if (answer.status !== 200) expectJsonError(answer, [400]);
      },
    );

    it.each(['from=-271821-04-20T00:00:00.000Z', 'from=0000-12-31T23:59:59.999Z', 'to=0001-03-25T23:59:59.999Z'])(
      'when the statistics get a date PostgreSQL cannot hold (%s), then the answer is 200 or a 400 JSON error, not a 500 with Prisma’s message',
      async (search) => {
        const answer = await asStaff(`/api/staff/statistics?${search}`);
        check(!/Prisma|\.ts:|\.js:/.test(answer.text), 'expected no internals in the answer', answer);
        if (answer.status !== 200) expectJsonError(answer, [400]);
      },
    );
  });
});
