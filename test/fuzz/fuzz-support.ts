import { runInThisContext } from 'node:vm';
import { databaseKinds } from '../support/databases';
import { startApp, type RunningApp } from '../support/test-app';
import { MAX_JSON_DEPTH } from '../../src/domain/json-shape';
import fc from 'fast-check';
import type { PrismaClient } from '../../src/storage/generated/client';

/**
 * Shared pieces of the property-based fuzz tests (issue 9): junk generators, the JSON error
 * check of CONTRACTS.md, table snapshots for "no row changed", and process-level watches.
 * Not a test file itself (jest only runs *.test.ts).
 */

/** Runs per property; `FUZZ_RUNS=1000 npm run jest -- test/fuzz` digs deeper. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** The default MAX_BODY_BYTES (256 KiB). */
export const MAX_BODY_BYTES = 262_144;

/** A port nothing listens on: replies sent there fail at once instead of hanging. */
export const CLOSED_SERVICE_URL = 'http://127.0.0.1:9/';

// ---------------------------------------------------------------------------------------------
// Process-level watch

/**
 * Records `unhandledRejection` and `uncaughtException` in this test process. Under jest the
 * test file's `process` is a sandboxed copy whose listeners never fire; the worker's real
 * process is the one in the main context.
 */
export function watchProcess(): { readonly events: string[]; dispose(): void } {
  const real = runInThisContext('process') as NodeJS.Process;
  const events: string[] = [];
  const onRejection = (reason: unknown) => events.push(`unhandledRejection: ${describeReason(reason)}`);
  const onException = (error: unknown) => events.push(`uncaughtException: ${describeReason(error)}`);
  real.on('unhandledRejection', onRejection);
  real.on('uncaughtException', onException);
  return {
    events,
    dispose() {
      real.off('unhandledRejection', onRejection);
      real.off('uncaughtException', onException);
    },
  };
}

/** Lotsen on a fresh PGlite database, watched; `stop()` also checks it survived (/healthz, no stray errors). */
export async function startFuzzApp(env: NodeJS.ProcessEnv = {}): Promise<{ readonly running: RunningApp; stop(): Promise<void> }> {
  const watch = watchProcess();
  const testDatabase = await databaseKinds[0]!.create();
  const running = await startApp(testDatabase.url, { BACKGROUND_JOBS: 'off', ...env });
  return {
    running,
    async stop() {
      try {
        expect((await send(`${running.baseUrl}/healthz`)).status).toBe(200);
      } finally {
        watch.dispose();
        await running.stop();
        await testDatabase.dispose();
      }
      expect(watch.events).toEqual([]);
    },
  };
}

const describeReason = (value: unknown) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  readonly json: unknown;
}

/** One request; the whole answer read, so a failure message can show it. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

const show = (answer: Answer) => `${answer.status} ${answer.contentType || '(no content-type)'} ${JSON.stringify(answer.text.slice(0, 300))}`;

const isErrorBody = (json: unknown): boolean => {
  if (!isPlainObject(json) || Object.keys(json).join() !== 'error') return false;
  const error = json.error;
  return (
    isPlainObject(error) &&
    Object.keys(error).sort().join() === 'code,message' &&
    typeof error.code === 'string' &&
    /^[A-Z][A-Z0-9_.]*$/.test(error.code) &&
    typeof error.message === 'string' &&
    error.message !== ''
  );
};

/** A 4xx with `{"error":{"code":"…","message":"…"}}` as JSON (CONTRACTS.md), optionally one of `statuses`. */
export function expectJsonError(answer: Answer, statuses?: readonly number[], code?: string): { code: string; message: string } {
  const fits =
    answer.status >= 400 &&
    answer.status < 500 &&
    /^application\/json/.test(answer.contentType) &&
    isErrorBody(answer.json) &&
    (!statuses || statuses.includes(answer.status));
  if (!fits) throw new Error(`expected a 4xx${statuses ? ` (${statuses.join('/')})` : ''} JSON error, got ${show(answer)}`);
  const error = (answer.json as { error: { code: string; message: string } }).error;
  if (code !== undefined && error.code !== code) throw new Error(`expected error code ${code}, got ${show(answer)}`);
  return error;
}

/** Never a 5xx; a 4xx only with the JSON error shape; a 2xx handed to `success` to check. */
export function expectSuccessOrJsonError(answer: Answer, success: (answer: Answer) => void): void {
  if (answer.status >= 200 && answer.status < 300) return success(answer);
  expectJsonError(answer);
}

/** Bot Framework invoke responses carry their status in the body: `{ statusCode, type, value }`. */
export const INVOKE_RESPONSE_TYPES = [
  'application/vnd.microsoft.card.adaptive',
  'application/vnd.microsoft.error',
  'application/vnd.microsoft.activity.message',
];

/** Whether the answer is an invoke response whose body repeats the HTTP status. */
export const isInvokeResponse = (answer: Answer): boolean =>
  isPlainObject(answer.json) &&
  answer.json.statusCode === answer.status &&
  INVOKE_RESPONSE_TYPES.includes(answer.json.type as string) &&
  'value' in answer.json;

/** Fails with the whole answer when `condition` does not hold. */
export function check(condition: boolean, what: string, answer: Answer): void {
  if (!condition) throw new Error(`${what}; got ${show(answer)}`);
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Database

/** Every row of `tables`, in primary-key order, to compare before and after. */
export async function snapshot(prisma: PrismaClient, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" ORDER BY 1`);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Junk

/** Strings that have broken parsers, databases and templates before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff\ufffe',
  '\u202eevil',
  '\u200b',
  '🙂👨‍👩‍👧',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͕̜',
  'Ærø ÅÄÖ åäö',
  '%00',
  '%',
  '%ZZ',
  '%C0%AF',
  '../../etc/passwd',
  '..',
  '.',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e400',
  '99999999999999999999999999',
  'true',
  '[]',
  '{}',
  '\r\n',
  '\t',
  '\\',
  '"',
];

/** Any string, biased towards the nasty ones (control characters, lone surrogates, NUL, escapes). */
export const junkString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 })).map(([nasty, rest]) => `${rest}${nasty}${rest}`) },
    // Control characters and lone surrogates, which databases and JSON encoders choke on.
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\ud800', '\udc00', '\ufffe', 'a'),
        maxLength: Math.min(maxLength, 12),
      }),
    },
  );

/**
 * A placeholder for deeply nested JSON: `toBody` swaps it for `depth` levels of arrays or
 * objects, written as text (building them as values would overflow the test's own stack).
 */
export const deeplyNested = (maxDepth = 20_000): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1, max: maxDepth }), fc.constantFrom('array', 'object')).map(([depth, kind]) => `@@nested:${depth}:${kind}@@`);

/** True when every nested placeholder in `value` stays well inside the product's nesting limit (a valid body). */
export const shallowEnough = (value: unknown): boolean =>
  [...(JSON.stringify(value) ?? '').matchAll(/@@nested:(\d+):/g)].every((match) => Number(match[1]) <= MAX_JSON_DEPTH - 8);

/** A huge string (up to 60 000 UTF-16 units; with multi-byte characters the body may pass MAX_BODY_BYTES). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.constantFrom('x', 'å', '🙂', '\u0000')), fc.integer({ min: 1, max: 60_000 }))
  .map(([unit, times]) => unit.repeat(times).slice(0, 60_000));

/** Any JSON-able value: scalars, junk strings, objects, arrays, deep nesting, huge strings. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junkString() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5, key: junkString(12) }) },
  { weight: 1, arbitrary: deeplyNested() },
  { weight: 1, arbitrary: hugeString },
);

/** Mostly (nine in ten) `good`, sometimes junk of any type. */
export const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: junkValue });

/** A value of any JSON type but a string (for fields that must be strings). */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(junkString(8), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  deeplyNested(200),
);

/** A value that is not a plain object (for fields that must be objects). */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  junkString(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);

/** A string longer than `max` characters (zod counts code points, so do we). */
export const longerThan = (max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom('x', 'å', '🙂', 'a b', '\u0000'), fc.integer({ min: 1, max: 200 })).map(([unit, extra]) =>
    Array.from(unit.repeat(max + extra))
      .slice(0, max + extra)
      .join(''),
  );

/** JSON text for `value`, with the `deeplyNested` placeholders swapped for the nesting itself. */
export function toBody(value: unknown): string {
  return (JSON.stringify(value) ?? '').replace(/"@@nested:(\d+):(array|object)@@"/g, (_match, depth: string, kind: string) =>
    kind === 'array' ? `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}` : `${'{"a":'.repeat(Number(depth))}1${'}'.repeat(Number(depth))}`,
  );
}

/** Whether `text` can go into a URL with encodeURIComponent (lone surrogates cannot). */
export const encodable = (text: string): boolean => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

/** Whether fetch accepts `text` as a header value (a ByteString without CR, LF or NUL, not padded). */
export const headerSafe = (text: string): boolean => /^[\x21-\x7e\x80-\xff](?:[\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?$/.test(text);

/** Authorization header values that are not `expected`: junk, JWT-looking junk, other schemes. */
export const junkAuthorization = (expected: string): fc.Arbitrary<string | undefined> =>
  fc
    .oneof(
      fc.constant(undefined),
      junkString(60).filter(headerSafe),
      junkString(60)
        .filter(headerSafe)
        .map((token) => `Bearer ${token}`),
      jwtLooking.map((token) => `Bearer ${token}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic dXNlcjpwYXNz',
        `bearer ${expected}`,
        `Bearer  ${expected}`,
        `Bearer ${expected}x`,
        `Bearer ${expected.slice(0, -1)}`,
        `Token ${expected}`,
        expected,
      ),
    )
    .filter((header) => header === undefined || (headerSafe(header) && header !== `Bearer ${expected}`));

const base64url = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength });

/** `eyJ….….…` junk, sometimes with real-looking JSON headers. */
export const jwtLooking: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(base64url(40), base64url(80), base64url(60)).map(([header, payload, signature]) => `eyJ${header}.eyJ${payload}.${signature}`),
  fc
    .tuple(
      fc.constantFrom('{"alg":"none"}', '{"alg":"HS256","typ":"JWT"}', '{"alg":"RS256","kid":"x"}', '{}', 'null'),
      fc.jsonValue({ maxDepth: 2 }),
      base64url(60),
    )
    .map(
      ([header, payload, signature]) =>
        `${Buffer.from(header).toString('base64url')}.${Buffer.from(JSON.stringify(payload) ?? 'null').toString('base64url')}.${signature}`,
    ),
);
