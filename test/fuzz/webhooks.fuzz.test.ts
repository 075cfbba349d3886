import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { jsonProblem } from '../../src/domain/json-shape';
import { FakePlatformApi } from '../support/fake-platform-api';
import { MESSENGER_VERIFY_TOKEN, PUBLIC_BASE_URL, SECRETS, messagingEnv } from '../support/messaging-config';
import type { RunningApp } from '../support/test-app';
import {
  FUZZ_RUNS,
  MAX_BODY_BYTES,
  check,
  deeplyNested,
  encodable,
  expectJsonError,
  expectSuccessOrJsonError,
  headerSafe,
  hugeString,
  isPlainObject,
  junkString,
  junkValue,
  notAString,
  notAnObject,
  send,
  snapshot,
  startFuzzApp,
  toBody,
  watchProcess,
  type Answer,
} from './fuzz-support';

/**
 * Property-based fuzzing of the messaging apps' webhooks (issue 9): GET and POST
 * /webhooks/<platform> (src/server/webhook-routes.ts, src/channels/bottender/*). A delivery
 * without the platform's proof (Telegram's secret token; Messenger's, LINE's, Slack's and
 * Twilio's HMAC signatures) is a 401 before anything is read or stored; a body that is not JSON
 * is restify's 400, one over MAX_BODY_BYTES 413; a signed delivery of any shape is never a 5xx.
 * Every platform API is the local FakePlatformApi: a call to it is a reply the bot sent.
 */

const PLATFORMS = ['telegram', 'messenger', 'line', 'slack', 'whatsapp'] as const;
type Platform = (typeof PLATFORMS)[number];

const VERIFY_TOKEN = MESSENGER_VERIFY_TOKEN;
/** A request unanswered this long has hung the server (its answer would be a platform's timeout and retry). */
const REQUEST_TIMEOUT_MS = 5_000;

/** Everything a refused request may not change. */
const ALL_TABLES = ['bot_state', 'webhook_delivery', 'handoff', 'handoff_event', 'outbox_job'];
/** What a signed delivery may not create on its own: a handoff takes a whole dialog. */
const HANDOFF_TABLES = ['handoff', 'handoff_event', 'outbox_job'];
/** Cheap enough to compare on every run (bot_state grows with every signed turn: compared per property). */
const PER_RUN_TABLES = ['webhook_delivery', ...HANDOFF_TABLES];

/** The headers each platform proves a delivery with. */
const PROOF_HEADERS: Readonly<Record<Platform, readonly string[]>> = {
  telegram: ['x-telegram-bot-api-secret-token'],
  messenger: ['x-hub-signature-256', 'x-hub-signature'],
  line: ['x-line-signature'],
  slack: ['x-slack-signature', 'x-slack-request-timestamp'],
  whatsapp: ['x-twilio-signature'],
};

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const CONTENT_TYPES = [
  JSON_TYPE,
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  FORM_TYPE,
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'text/xml',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  '*/*',
  'json',
  'application/',
  ';',
];

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'webhooks', name), 'utf8')) as Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Deliveries and how each platform proves them

/** One request to /webhooks/<platform>; `body` is sent as these exact bytes (strings as UTF-8). */
interface Delivery {
  readonly method: string;
  /** '' or '?…', as written in the address. */
  readonly query: string;
  readonly contentType?: string;
  readonly body?: string | Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

const bytesOf = (body: string | Uint8Array | undefined): Buffer =>
  body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
const hmac = (algorithm: 'sha1' | 'sha256', secret: string, data: Buffer | string, encoding: 'hex' | 'base64') =>
  createHmac(algorithm, secret).update(data).digest(encoding);
const nowInSeconds = () => Math.floor(Date.now() / 1000);
const whatsappUrl = (query: string) => new URL(`/webhooks/whatsapp${query}`, PUBLIC_BASE_URL).toString();

/** The body as Lotsen hands it to Twilio's check (webhook-routes.ts with restify's body parsing). */
function paramsAsServerSees(bytes: Buffer, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]!.toLowerCase();
  const text = bytes.toString('utf8');
  if (type === FORM_TYPE) return Object.fromEntries(new URLSearchParams(text));
  if (type !== JSON_TYPE) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * What Twilio signs: the address, then each field's name and value in name order. A JSON body's
 * values are stringified like bottender does; one that cannot be (nested thousands deep, or with
 * its own "toString") makes bottender's check throw, which Lotsen answers 401: any text will do.
 */
function twilioSigned(params: Record<string, unknown>, url: string): string {
  try {
    return Object.keys(params)
      .sort()
      .reduce((text, key) => text + key + String(params[key]), url);
  } catch {
    return `${url}#unsignable`;
  }
}

interface Signing {
  readonly secret?: string;
  readonly contentType?: string;
  readonly query?: string;
  /** Slack's X-Slack-Request-Timestamp (now when not given). */
  readonly timestamp?: string;
}

/** The proof each platform sends with a delivery, computed as the platform would over these exact bytes. */
const proofOf: Readonly<Record<Platform, (bytes: Buffer, signing?: Signing) => Record<string, string>>> = {
  telegram: (_bytes, { secret = SECRETS.telegram } = {}) => ({ 'x-telegram-bot-api-secret-token': secret }),
  messenger: (bytes, { secret = SECRETS.messenger } = {}) => ({ 'x-hub-signature-256': `sha256=${hmac('sha256', secret, bytes, 'hex')}` }),
  line: (bytes, { secret = SECRETS.line } = {}) => ({ 'x-line-signature': hmac('sha256', secret, bytes, 'base64') }),
  slack: (bytes, { secret = SECRETS.slack, timestamp = String(nowInSeconds()) } = {}) => ({
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${hmac('sha256', secret, Buffer.concat([Buffer.from(`v0:${timestamp}:`), bytes]), 'hex')}`,
  }),
  whatsapp: (bytes, { secret = SECRETS.whatsapp, contentType = FORM_TYPE, query = '' } = {}) => {
    const signed = twilioSigned(paramsAsServerSees(bytes, contentType), whatsappUrl(query));
    return { 'x-twilio-signature': hmac('sha1', secret, Buffer.from(signed, 'utf8'), 'base64') };
  },
};

/** Whether `headers` carry the proof that `expected` carries (LINE's check decodes base64 leniently). */
function sameProof(platform: Platform, headers: Readonly<Record<string, string>>, expected: Readonly<Record<string, string>>): boolean {
  return Object.entries(expected).every(([name, value]) => {
    const given = headers[name];
    if (given === undefined) return false;
    return platform === 'line' ? Buffer.from(given, 'base64').equals(Buffer.from(value, 'base64')) : given === value;
  });
}

/** A proof that must not open the door: none, junk, or a real one gone wrong in one way. */
type BadProof =
  | { readonly kind: 'none' }
  | { readonly kind: 'junk headers'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'wrong secret'; readonly secret: string }
  | { readonly kind: 'signed another body'; readonly other: string }
  | { readonly kind: 'another platform’s proof'; readonly platform: Platform }
  | { readonly kind: 'slack timestamp'; readonly timestamp: string }
  | { readonly kind: 'messenger legacy sha1 only' }
  | { readonly kind: 'line hex' }
  | { readonly kind: 'twilio other address'; readonly url: string };

/** A near miss of `secret`: one character changed, dropped or added, or another case. */
const nearMiss = (secret: string): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.tuple(fc.nat(), fc.constantFrom('A', '0', '-', '_', 'x', 'ö')).map(([at, character]) => {
        const index = at % secret.length;
        return `${secret.slice(0, index)}${character}${secret.slice(index + 1)}`;
      }),
      fc.nat().map((at) => secret.slice(0, at % secret.length) + secret.slice((at % secret.length) + 1)),
      fc.constantFrom(`${secret}x`, secret.toUpperCase(), secret.slice(0, -1), `${secret}\u0000`, ''),
    )
    .filter((candidate) => candidate !== secret);

const badProof = (platform: Platform): fc.Arbitrary<BadProof> => {
  const junkHeader = fc.oneof(
    junkString(80).filter(headerSafe),
    fc.constantFrom('', 'sha256=', 'sha1=', 'v0=', 'v1=', 'v0=short', '0', '-1', '99999999999', '1e400', 'NaN', '==', 'sha256=zz'),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
    fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
  );
  const kinds: fc.Arbitrary<BadProof>[] = [
    fc.constant({ kind: 'none' }),
    fc.dictionary(fc.constantFrom(...PROOF_HEADERS[platform]), junkHeader, { minKeys: 1, maxKeys: 2 }).map((headers) => ({ kind: 'junk headers', headers })),
    fc
      .oneof(nearMiss(SECRETS[platform]), junkString(40), fc.constantFrom(...Object.values(SECRETS)))
      .filter((secret) => secret !== SECRETS[platform] && (platform !== 'telegram' || headerSafe(secret)))
      .map((secret) => ({ kind: 'wrong secret', secret })),
    fc.constantFrom(...PLATFORMS.filter((other) => other !== platform)).map((other) => ({ kind: 'another platform’s proof', platform: other })),
  ];
  // Telegram signs nothing but its token: another body under the right token is a genuine delivery.
  if (platform !== 'telegram')
    kinds.push(
      fc
        .oneof(
          junkString(60),
          fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
        )
        .map((other) => ({ kind: 'signed another body', other })),
    );
  if (platform === 'slack')
    kinds.push(
      fc
        .oneof(
          fc.integer({ min: 301, max: 10_000_000 }).map((age) => String(nowInSeconds() - age)),
          fc.integer({ min: 301, max: 10_000_000 }).map((ahead) => String(nowInSeconds() + ahead)),
          fc.constantFrom('', 'NaN', 'x', '1e400', '-0', '0x10', '9999999999999999999999', ' '),
          junkString(20).filter(headerSafe),
        )
        .map((timestamp) => ({ kind: 'slack timestamp', timestamp })),
    );
  if (platform === 'messenger') kinds.push(fc.constant({ kind: 'messenger legacy sha1 only' }));
  if (platform === 'line') kinds.push(fc.constant({ kind: 'line hex' }));
  if (platform === 'whatsapp')
    kinds.push(
      fc
        .constantFrom(
          'http://127.0.0.1/webhooks/whatsapp',
          'https://lotsen.example.se/webhooks/whatsapp/',
          'https://lotsen.example.se/webhooks/telegram',
          'https://evil.example/webhooks/whatsapp',
        )
        .map((url) => ({ kind: 'twilio other address', url })),
    );
  return fc.oneof(...kinds);
};

/** The headers a bad proof comes down to, for these bytes. */
function badProofHeaders(platform: Platform, proof: BadProof, bytes: Buffer, contentType: string | undefined, query: string): Record<string, string> {
  const signing = { ...(contentType === undefined ? {} : { contentType }), query };
  switch (proof.kind) {
    case 'none':
      return {};
    case 'junk headers':
      return { ...proof.headers };
    case 'wrong secret':
      return proofOf[platform](bytes, { ...signing, secret: proof.secret });
    case 'signed another body':
      return proofOf[platform](Buffer.from(proof.other), signing);
    case 'another platform’s proof':
      return proofOf[proof.platform](bytes, signing);
    case 'slack timestamp':
      return proofOf.slack(bytes, { timestamp: proof.timestamp });
    case 'messenger legacy sha1 only':
      return { 'x-hub-signature': `sha1=${hmac('sha1', SECRETS.messenger, bytes, 'hex')}` };
    case 'line hex':
      return { 'x-line-signature': hmac('sha256', SECRETS.line, bytes, 'hex') };
    case 'twilio other address': {
      const signed = twilioSigned(paramsAsServerSees(bytes, contentType), proof.url);
      return { 'x-twilio-signature': hmac('sha1', SECRETS.whatsapp, Buffer.from(signed, 'utf8'), 'base64') };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies shaped like each platform's deliveries, then broken

type Path = readonly (string | number)[];
/** Replacing a value with this removes its key (or array item). */
const REMOVE = '@@remove@@';

/** A delivery a platform really sends, and how a fresh delivery id is set in it. */
interface Base {
  readonly name: string;
  readonly encoding: 'json' | 'form' | 'slack payload form';
  readonly value: Record<string, unknown>;
  readonly freshId: (value: Record<string, unknown>, id: number) => Record<string, unknown>;
}

const setAt = (value: unknown, at: Path, replacement: unknown): unknown => {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    if (rest.length === 0 && replacement === REMOVE) copy.splice(head, 1);
    else copy[head] = setAt(copy[head], rest, replacement);
    return copy;
  }
  if (isPlainObject(value) && typeof head === 'string') {
    const copy: Record<string, unknown> = { ...value };
    if (rest.length === 0 && replacement === REMOVE) delete copy[head];
    else Object.defineProperty(copy, head, { value: setAt(copy[head], rest, replacement), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  // An earlier change replaced a parent: this path is gone.
  return value;
};
const getAt = (value: unknown, at: Path): unknown => at.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
const setting =
  (...paths: Path[]) =>
  (format: (id: number) => unknown) =>
  (value: Record<string, unknown>, id: number) =>
    paths.reduce<Record<string, unknown>>((changed, at) => setAt(changed, at, format(id)) as Record<string, unknown>, value);

/** Every path into `value` (object keys and array indexes). */
const pathsOf = (value: unknown, at: Path = []): Path[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...at, index], ...pathsOf(item, [...at, index])]);
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...pathsOf(item, [...at, key])]);
  return [];
};

const messengerEvent = (event: Record<string, unknown>) => ({
  ...fixture('messenger-message.json'),
  entry: [{ id: '104857600000001', time: 1763800000123, messaging: [event] }],
});
const messengerSender = { sender: { id: '6543210987654321' }, recipient: { id: '104857600000001' }, timestamp: 1763800000001 };
const lineEvent = (event: Record<string, unknown>) => ({ destination: 'U0123456789abcdef0123456789abcdef', events: [event] });
const lineSource = {
  webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T',
  deliveryContext: { isRedelivery: false },
  timestamp: 1763800000000,
  source: { type: 'user', userId: 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa' },
  replyToken: '38ef843bde154d9b91c21320ffd17a0f',
  mode: 'active',
};
const slackAction = {
  type: 'block_actions',
  user: { id: 'U2147483697', name: 'eva' },
  api_app_id: 'A0PNCHHK2',
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  container: { type: 'message', message_ts: '1763800000.000300', channel_id: 'D024BE91L', is_ephemeral: false },
  trigger_id: '1.2.3',
  team: { id: 'T061EG9R6', domain: 'forening' },
  channel: { id: 'D024BE91L', name: 'directmessage' },
  message: { type: 'message', text: 'Vill du att vi kontaktar dig?', ts: '1763800000.000300' },
  actions: [{ action_id: 'choice_0', block_id: 'b', text: { type: 'plain_text', text: 'Ja' }, value: 'yes', type: 'button', action_ts: '1763800001.000400' }],
};
const whatsappForm = fixture('whatsapp-message.json');
const sids = setting(['MessageSid'], ['SmsSid'], ['SmsMessageSid'])((id) => `SM${id.toString(16).padStart(32, '0')}`);

const BASES: Readonly<Record<Platform, readonly Base[]>> = {
  telegram: [
    { name: 'message', encoding: 'json', value: fixture('telegram-message.json'), freshId: setting(['update_id'])((id) => id) },
    { name: 'button press', encoding: 'json', value: fixture('telegram-callback.json'), freshId: setting(['update_id'])((id) => id) },
    {
      name: 'edited message',
      encoding: 'json',
      value: { update_id: 1, edited_message: (fixture('telegram-message.json') as { message: unknown }).message },
      freshId: setting(['update_id'])((id) => id),
    },
  ],
  messenger: [
    {
      name: 'message',
      encoding: 'json',
      value: fixture('messenger-message.json'),
      freshId: setting(['entry', 0, 'messaging', 0, 'message', 'mid'])((id) => `m_${id}`),
    },
    {
      name: 'postback',
      encoding: 'json',
      value: messengerEvent({ ...messengerSender, postback: { title: 'Ja', payload: 'yes', mid: 'm_postback' } }),
      freshId: setting(['entry', 0, 'messaging', 0, 'postback', 'mid'])((id) => `m_${id}`),
    },
    {
      name: 'echo',
      encoding: 'json',
      value: messengerEvent({ ...messengerSender, message: { is_echo: true, app_id: 1, mid: 'm_echo', text: 'Hej' } }),
      freshId: setting(['entry', 0, 'messaging', 0, 'message', 'mid'])((id) => `m_${id}`),
    },
  ],
  line: [
    { name: 'message', encoding: 'json', value: fixture('line-message.json'), freshId: setting(['events', 0, 'webhookEventId'])((id) => `01H${id}`) },
    {
      name: 'postback',
      encoding: 'json',
      value: lineEvent({ type: 'postback', postback: { data: 'yes' }, ...lineSource }),
      freshId: setting(['events', 0, 'webhookEventId'])((id) => `01H${id}`),
    },
    {
      name: 'group message',
      encoding: 'json',
      value: lineEvent({
        type: 'message',
        message: { type: 'text', id: '1', text: 'Hej' },
        ...lineSource,
        source: { type: 'group', groupId: 'C1', userId: 'U1' },
      }),
      freshId: setting(['events', 0, 'webhookEventId'])((id) => `01H${id}`),
    },
    {
      name: 'console verify',
      encoding: 'json',
      value: lineEvent({ type: 'message', message: { type: 'text', id: '1', text: 'Test' }, ...lineSource, replyToken: '00000000000000000000000000000000' }),
      freshId: setting(['events', 0, 'webhookEventId'])((id) => `01H${id}`),
    },
    { name: 'no events', encoding: 'json', value: { destination: 'U0123456789abcdef0123456789abcdef', events: [] }, freshId: (value) => value },
  ],
  slack: [
    { name: 'message event', encoding: 'json', value: fixture('slack-message.json'), freshId: setting(['event_id'])((id) => `Ev${id}`) },
    {
      name: 'url_verification',
      encoding: 'json',
      value: { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' },
      freshId: (value) => value,
    },
    { name: 'button press', encoding: 'slack payload form', value: slackAction, freshId: setting(['actions', 0, 'action_ts'])((id) => `${id}.000400`) },
  ],
  whatsapp: [
    { name: 'message', encoding: 'form', value: whatsappForm, freshId: sids },
    {
      name: 'status callback',
      encoding: 'form',
      value: { ...whatsappForm, Body: undefined, SmsStatus: 'delivered', MessageStatus: 'delivered', ChannelPrefix: 'whatsapp' },
      freshId: sids,
    },
  ],
};

/** Values that have meant something to one platform's parsing or another's. */
const ODD_VALUES: readonly unknown[] = [
  '',
  0,
  -1,
  1e308,
  null,
  true,
  [],
  {},
  [[]],
  'user',
  'group',
  'room',
  'message',
  'text',
  'postback',
  'url_verification',
  'event_callback',
  'block_actions',
  'received',
  'subscribe',
  '00000000000000000000000000000000',
  '__proto__',
  '{"token":1}',
  'null',
];

const encode = (encoding: Base['encoding'], value: unknown): { body: string; contentType: string } => {
  if (encoding === 'json') return { body: toBody(value), contentType: JSON_TYPE };
  if (encoding === 'slack payload form') return { body: `payload=${encodeURIComponent(toBody(value))}`, contentType: FORM_TYPE };
  const form = new URLSearchParams();
  for (const [key, item] of Object.entries(isPlainObject(value) ? value : { value }))
    if (item !== undefined) form.append(key, typeof item === 'string' ? item : toBody(item));
  return { body: form.toString(), contentType: FORM_TYPE };
};

interface Shaped {
  readonly base: string;
  readonly body: string;
  readonly contentType: string;
}

/** A delivery the platform really sends, with a fresh id, and up to three fields broken, removed or added. */
const shaped = (platform: Platform, maxChanges = 3): fc.Arbitrary<Shaped> =>
  fc.constantFrom(...BASES[platform]).chain((base) => {
    const paths = pathsOf(base.value);
    const objects: Path[] = [[], ...paths.filter((at) => isPlainObject(getAt(base.value, at)))];
    const where = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...paths) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...objects), junkString(12)).map(([at, key]): Path => [...at, key]) },
    );
    const replacement = fc.oneof(
      { weight: 3, arbitrary: junkValue },
      { weight: 1, arbitrary: notAString },
      { weight: 1, arbitrary: notAnObject },
      { weight: 2, arbitrary: fc.constant(REMOVE) },
      { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
    );
    return fc.tuple(fc.nat(), fc.array(fc.tuple(where, replacement), { maxLength: maxChanges })).map(([id, changes]) => {
      const value = changes.reduce<unknown>((changed, [at, by]) => setAt(changed, at, by), base.freshId(base.value, id));
      return { base: base.name, ...encode(base.encoding, value) };
    });
  });

/** Anything at all as a body: text, JSON of any type, forms, raw bytes, deep and huge JSON. */
const junkBody: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  { weight: 2, arbitrary: junkString(200) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: junkValue.map(toBody) },
  { weight: 1, arbitrary: fc.dictionary(junkString(12), junkString(30), { maxKeys: 5 }).map((form) => new URLSearchParams(form).toString()) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  { weight: 1, arbitrary: fc.oneof(deeplyNested().map(toBody), hugeString) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junkString(40).filter(headerSafe) },
);

/** A body for `platform`: mostly shaped like its deliveries, otherwise junk with any content type. */
const anyBody = (platform: Platform): fc.Arbitrary<{ body: string | Uint8Array | undefined; contentType: string | undefined }> =>
  fc.oneof(
    { weight: 1, arbitrary: shaped(platform).map(({ body, contentType }) => ({ body, contentType })) },
    { weight: 1, arbitrary: fc.record({ body: junkBody, contentType }) },
  );

/** Query strings the webhooks do not read (Messenger's verification is a GET's only). */
const junkQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?',
      '?&&',
      '?a=1&a=2',
      '?__proto__[x]=1',
      '?%ZZ',
      `?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=CHALLENGE-1`,
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(junkString(10).filter(encodable), junkString(10).filter(encodable))
      .map(([key, value]) => `?${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
  },
);

/** restify's body reader leaves a body sent without a content type, as octet-stream or as multipart unread: Lotsen sees none. */
const bytesRead = (bytes: Buffer, type: string | undefined): Buffer =>
  type === undefined || ['application/octet-stream', 'multipart/form-data'].includes(type.split(';')[0]!.toLowerCase()) ? Buffer.alloc(0) : bytes;

const looksJson = (type: string | undefined) => type !== undefined && /json/i.test(type);
const looksForm = (type: string | undefined) => type !== undefined && type.split(';')[0]!.trim().toLowerCase() === FORM_TYPE;
/** The body restify's parsers make of the bytes fails the shape check every body gets (too deep, NUL, lone surrogate): a 400 before any signature is checked. */
const unstorable = (bytes: Buffer, type: string | undefined): boolean => {
  try {
    const parsed: unknown = looksJson(type)
      ? JSON.parse(bytes.toString('utf8'))
      : looksForm(type)
        ? Object.fromEntries(new URLSearchParams(bytes.toString('utf8')))
        : undefined;
    return jsonProblem(parsed) !== undefined;
  } catch {
    return false;
  }
};
/** What restify's parser makes of the bytes when sent as application/json: a plain object or not. */
const parsesToObject = (bytes: Buffer): boolean => {
  try {
    return isPlainObject(JSON.parse(bytes.toString('utf8')));
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------

describe('fuzzing the messaging webhooks /webhooks/<platform>', () => {
  let app: Awaited<ReturnType<typeof startFuzzApp>>;
  let running: RunningApp;
  let api: FakePlatformApi;
  /** This worker's uncaught exceptions and unhandled rejections (the server runs in it), to pin them on the request. */
  let watch: ReturnType<typeof watchProcess>;

  const rows = (tables: readonly string[]) => snapshot(running.app.database.prisma, tables);

  /**
   * Sends `delivery` (a GET with a body through node:http: fetch refuses one). Fails at once when
   * the process reports an uncaught exception or unhandled rejection meanwhile (the request then
   * usually hangs), or when no answer comes within REQUEST_TIMEOUT_MS.
   */
  const deliver = async (platform: Platform, delivery: Delivery): Promise<Answer> => {
    const url = `${running.baseUrl}/webhooks/${platform}${delivery.query}`;
    const headers: Record<string, string> = { ...(delivery.contentType === undefined ? {} : { 'content-type': delivery.contentType }), ...delivery.headers };
    const body = delivery.body === undefined ? undefined : bytesOf(delivery.body);
    const controller = new AbortController();
    const answer =
      body !== undefined && delivery.method === 'GET'
        ? sendWithBody(url, delivery.method, body, headers, controller.signal)
        : send(url, { method: delivery.method, headers, signal: controller.signal, ...(body === undefined ? {} : { body: new Uint8Array(body) }) });
    answer.catch(() => undefined); // Aborted below when the alarm wins.
    const seen = watch.events.length;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const alarm = new Promise<never>((_resolve, reject) => {
      timer = setInterval(() => {
        if (watch.events.length > seen)
          reject(new Error(`the server process reported ${JSON.stringify(watch.events.slice(seen))} while handling ${delivery.method} /webhooks/${platform}`));
        else if (Date.now() - started > REQUEST_TIMEOUT_MS)
          reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms to ${delivery.method} /webhooks/${platform}`));
      }, 10);
    });
    try {
      return await Promise.race([answer, alarm]);
    } finally {
      clearInterval(timer);
      controller.abort();
    }
  };

  /** Fails unless nothing was stored and no platform API was called since it was made (bot_state counted only). */
  const untouched = async () => {
    const [before, calls, states] = [await rows(PER_RUN_TABLES), api.calls.length, await running.app.database.prisma.botState.count()];
    return async (answer: Answer) => {
      check(
        api.calls.length === calls,
        `expected no call to the platform API, got ${JSON.stringify(api.calls.slice(calls).map((call) => `${call.method} ${call.path}`))}`,
        answer,
      );
      check((await running.app.database.prisma.botState.count()) === states, 'expected no new bot_state row', answer);
      const after = await rows(PER_RUN_TABLES);
      check(JSON.stringify(after) === JSON.stringify(before), `expected no row changed, got ${JSON.stringify(after).slice(0, 300)}`, answer);
    };
  };

  beforeAll(async () => {
    watch = watchProcess();
    api = await new FakePlatformApi().start();
    app = await startFuzzApp(messagingEnv(api.origin));
    running = app.running;
  });
  afterAll(async () => {
    try {
      await app?.stop();
    } finally {
      watch.dispose();
      await api?.stop();
    }
  });

  describe.each(PLATFORMS)('%s', (platform) => {
    it('when a delivery comes without a valid proof (none, junk, wrong secret, another body’s, another platform’s), whatever its body, method or content type, then it is a 4xx JSON error (401 for a readable body), nothing is stored and no platform API is called', async () => {
      const before = await rows(ALL_TABLES);
      const delivery = fc
        .record({
          method: fc.oneof(
            { weight: 6, arbitrary: fc.constant('POST') },
            { weight: 2, arbitrary: fc.constant('GET') },
            { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE') },
          ),
          query: junkQuery,
          payload: anyBody(platform),
          proof: badProof(platform),
          encoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-junk'), { freq: 8 }),
        })
        // A GET's body is sent through node:http, which a huge one would only slow down.
        .filter(({ method, payload }) => method !== 'GET' || bytesOf(payload.body).length < 4_096)
        // Messenger's verification GET with the right token is the last property's.
        .filter(({ method, query }) => !(platform === 'messenger' && method === 'GET' && query.includes(VERIFY_TOKEN)));
      await fc.assert(
        fc.asyncProperty(delivery, async ({ method, query, payload, proof, encoding }) => {
          const bytes = bytesOf(payload.body);
          const headers: Record<string, string> = {
            ...badProofHeaders(platform, proof, bytes, payload.contentType, query),
            ...(encoding === null ? {} : { 'content-encoding': encoding }),
          };
          // A bad proof that happens to be the right one for what Lotsen reads (e.g. another body's, when this one is left unread) proves nothing.
          fc.pre(
            !sameProof(
              platform,
              headers,
              proofOf[platform](bytesRead(bytes, payload.contentType), {
                ...(payload.contentType === undefined ? {} : { contentType: payload.contentType }),
                query,
                ...(headers['x-slack-request-timestamp'] ? { timestamp: headers['x-slack-request-timestamp'] } : {}),
              }),
            ),
          );
          const done = await untouched();
          const answer = await deliver(platform, {
            method,
            query,
            ...(payload.contentType === undefined ? {} : { contentType: payload.contentType }),
            body: payload.body,
            headers,
          });
          if (bytes.length > MAX_BODY_BYTES) expectJsonError(answer, [413]);
          // Any Content-Encoding is refused before the body is read (restify's reader crashed on broken gzip).
          else if (encoding !== null) expectJsonError(answer, [415]);
          // Only Messenger verifies with a GET; every other non-POST is no delivery.
          // (A body is parsed before routing, so broken JSON is the parser's 400 first.)
          else if (method !== 'POST' && !(platform === 'messenger' && method === 'GET'))
            expectJsonError(answer, (looksJson(payload.contentType) && !parsesToObject(bytes)) || unstorable(bytes, payload.contentType) ? [400, 405] : [405]);
          else {
            const { code } = expectJsonError(answer, platform === 'messenger' && method === 'GET' ? [400, 401, 403] : [400, 401]);
            if (answer.status === 400)
              check(
                (looksJson(payload.contentType) && !parsesToObject(bytes)) || unstorable(bytes, payload.contentType),
                'expected a 400 only for a JSON body that is no JSON object, or one too deep or with unstorable text',
                answer,
              );
            if (answer.status === 401) check(code === 'UNAUTHORIZED', 'expected UNAUTHORIZED', answer);
          }
          await done(answer);
        }),
        { numRuns: FUZZ_RUNS },
      );
      expect(await rows(ALL_TABLES)).toEqual(before);
    });

    it('when a correctly signed delivery has a malformed body (broken fields, junk, deep or huge JSON, odd content types), then it is never a 5xx: 200 or a 4xx JSON error, and no handoff is created', async () => {
      const delivery = fc.record({
        payload: fc.oneof(
          { weight: 3, arbitrary: shaped(platform).map(({ body, contentType: type }) => ({ body, contentType: type as string | undefined })) },
          {
            weight: 1,
            arbitrary: fc.record({
              body: junkBody,
              contentType: platform === 'whatsapp' ? fc.constantFrom(FORM_TYPE, JSON_TYPE, 'text/plain', undefined) : contentType,
            }),
          },
        ),
        // Deep nesting in one field of a real delivery, beyond what any platform sends.
        deep: fc.option(deeplyNested(), { freq: 6 }),
      });
      await fc.assert(
        fc.asyncProperty(delivery, async ({ payload, deep }) => {
          let body = payload.body;
          if (deep !== null && typeof body === 'string' && payload.contentType === JSON_TYPE && body.endsWith('}'))
            body = `${body.slice(0, -1)}${body === '{}' ? '' : ','}"deep":${toBody(deep)}}`;
          const bytes = bytesOf(body);
          const headers = proofOf[platform](bytes, { ...(payload.contentType === undefined ? {} : { contentType: payload.contentType }) });
          const handoffsBefore = await rows(HANDOFF_TABLES);
          const answer = await deliver(platform, {
            method: 'POST',
            query: '',
            ...(payload.contentType === undefined ? {} : { contentType: payload.contentType }),
            body,
            headers,
          });
          expectSuccessOrJsonError(answer, () => check(answer.status === 200, 'expected 200 for a delivery taken', answer));
          if (bytes.length > MAX_BODY_BYTES) check(answer.status === 413, 'expected 413 for a body over MAX_BODY_BYTES', answer);
          check(JSON.stringify(await rows(HANDOFF_TABLES)) === JSON.stringify(handoffsBefore), 'expected no handoff row', answer);
        }),
        { numRuns: FUZZ_RUNS },
      );
    });

    it('when one byte of a signed delivery’s body, proof or timestamp is changed, then it is refused with 401 (400 for a body no longer JSON, or now carrying a NUL), nothing is stored and no platform API is called', async () => {
      const before = await rows(ALL_TABLES);
      const base = BASES[platform][0]!;
      interface Tampering {
        readonly what: 'body' | 'proof' | 'timestamp';
        readonly at: number;
        readonly by: number;
      }
      const whats: Tampering['what'][] = platform === 'telegram' ? ['proof'] : platform === 'slack' ? ['body', 'proof', 'timestamp'] : ['body', 'proof'];
      const tampering: fc.Arbitrary<Tampering> = fc.record({ what: fc.constantFrom(...whats), at: fc.nat(), by: fc.integer({ min: 1, max: 255 }) });
      await fc.assert(
        fc.asyncProperty(fc.nat(), tampering, async (id, { what, at, by }) => {
          const { body, contentType: type } = encode(base.encoding, base.freshId(base.value, id));
          const bytes = Buffer.from(body);
          const timestamp = String(nowInSeconds());
          const signed = proofOf[platform](bytes, { contentType: type, timestamp });
          const headers = { ...signed };
          let sent = bytes;
          if (what === 'body') {
            sent = Buffer.from(bytes);
            sent[at % sent.length] = sent[at % sent.length]! ^ by;
          } else if (what === 'timestamp') {
            headers['x-slack-request-timestamp'] = String(Number(timestamp) + (by % 2 === 0 ? 1 : -1) * (1 + (at % 200)));
          } else {
            const name = PROOF_HEADERS[platform][0]!;
            const value = signed[name]!;
            const index = at % value.length;
            // Another printable character, so the header stays sendable.
            const character = String.fromCharCode(0x21 + ((value.charCodeAt(index) - 0x21 + (by % 93) + 1) % 94));
            headers[name] = `${value.slice(0, index)}${character}${value.slice(index + 1)}`;
          }
          // Not a tampering at all: base64 read leniently (LINE), or a form whose fields decode the same (Twilio signs the fields).
          fc.pre(!sameProof(platform, headers, proofOf[platform](sent, { contentType: type, timestamp: headers['x-slack-request-timestamp'] ?? timestamp })));
          const done = await untouched();
          const answer = await deliver(platform, { method: 'POST', query: '', contentType: type, body: sent, headers });
          if ((type === JSON_TYPE && !parsesToObject(sent)) || unstorable(sent, type)) expectJsonError(answer, [400, 401]);
          else expectJsonError(answer, [401], 'UNAUTHORIZED');
          await done(answer);
        }),
        { numRuns: Math.ceil(FUZZ_RUNS / 2) },
      );
      expect(await rows(ALL_TABLES)).toEqual(before);
    });
  });

  it('when Messenger’s verification GET carries arbitrary query strings, then only the right hub.verify_token with hub.mode=subscribe is answered with the challenge; anything else is a 4xx JSON error that never echoes it', async () => {
    const before = await rows(ALL_TABLES);
    const encoded = (text: string) => encodeURIComponent(text);
    const value = (right: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(encoded(right)) },
        { weight: 2, arbitrary: nearMiss(right).filter(encodable).map(encoded) },
        { weight: 2, arbitrary: junkString(40).filter(encodable).map(encoded) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '',
            '%ZZ',
            '%00',
            '%',
            '+',
            encoded(`${right} `),
            `${right}%00`,
            `${right}%20`,
            right.toUpperCase(),
            right.replace(/-/g, '%2D'),
          ),
        },
      );
    const part = fc.oneof(
      { weight: 4, arbitrary: value('subscribe').map((mode) => `hub.mode=${mode}`) },
      { weight: 4, arbitrary: value(VERIFY_TOKEN).map((token) => `hub.verify_token=${token}`) },
      {
        weight: 3,
        arbitrary: junkString(40)
          .filter(encodable)
          .map((challenge) => `hub.challenge=CHALLENGE-${encoded(challenge)}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `hub.verify_token[]=${VERIFY_TOKEN}`,
          `hub[verify_token]=${VERIFY_TOKEN}`,
          'hub.mode[]=subscribe',
          `hub.verify_token[0]=${VERIFY_TOKEN}`,
          'hub.mode',
          'hub.verify_token',
          '&',
          '=',
          'hub.challenge',
        ),
      },
      // Other parameters: none of them may start with "hub" (qs would merge hub.mode[x] into hub.mode).
      {
        weight: 1,
        arbitrary: fc
          .tuple(junkString(12), junkString(20))
          .filter(([key, text]) => encodable(key) && encodable(text) && !/^\s*hub/i.test(key))
          .map(([key, text]) => `${encoded(key)}=${encoded(text)}`),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 6 }), async (parts) => {
        const query = parts.join('&');
        const params = new URLSearchParams(query);
        // qs (restify's query parser) makes hub.mode[]=… and hub.verify_token[0]=… arrays, which never match; hub[verify_token]=… is another key ("hub") and changes nothing.
        const bracketed = [...params.keys()].some((key) => /^hub\.(mode|verify_token)\[/.test(key));
        const right =
          !bracketed &&
          JSON.stringify(params.getAll('hub.mode')) === '["subscribe"]' &&
          JSON.stringify(params.getAll('hub.verify_token')) === JSON.stringify([VERIFY_TOKEN]);
        const done = await untouched();
        const answer = await deliver('messenger', { method: 'GET', query: query === '' ? '' : `?${query}`, headers: {} });
        if (right) {
          check(answer.status === 200, 'expected 200 for the right verify token', answer);
          const challenges = params.getAll('hub.challenge');
          if (challenges.length === 1) check(answer.text === challenges[0], 'expected the challenge echoed as it was sent', answer);
        } else {
          expectJsonError(answer, [400, 401, 403]);
          check(!answer.text.includes('CHALLENGE-'), 'expected the challenge not to be echoed on a wrong token', answer);
        }
        await done(answer);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(await rows(ALL_TABLES)).toEqual(before);
  });

  // The product bugs the properties above found, pinned as exact cases (issue 9 report).
  describe('regressions found by fuzzing', () => {
    const signed = (platform: Platform, body: string, type = JSON_TYPE): Delivery => ({
      method: 'POST',
      query: '',
      contentType: type,
      body,
      headers: proofOf[platform](Buffer.from(body), { contentType: type }),
    });
    const message = (platform: Platform, id: number) => {
      const base = BASES[platform][0]!;
      return encode(base.encoding, base.freshId(base.value, id)).body;
    };

    it('when a request says Content-Encoding: gzip but its body is not gzip, then it is a 4xx JSON error, not an uncaught zlib error that ends the process', async () => {
      // restify's bodyReader pipes the body into a Gunzip stream without an 'error' listener.
      const done = await untouched();
      const answer = await deliver('telegram', {
        method: 'POST',
        query: '',
        contentType: JSON_TYPE,
        body: '{"update_id":1}',
        headers: { 'content-encoding': 'gzip' },
      });
      expectJsonError(answer, [415]);
      await done(answer);
    });

    it.each(['line', 'slack'] as const)(
      'when GET /webhooks/%s comes without a signature, then it is refused with 405 (only Messenger verifies with a GET; bottender lets every non-POST through unchecked)',
      async (platform) => {
        const done = await untouched();
        const answer = await deliver(platform, { method: 'GET', query: '', headers: {} });
        expectJsonError(answer, [405], 'METHOD_NOT_ALLOWED');
        await done(answer);
      },
    );

    it.each(['line', 'slack'] as const)(
      'when GET /webhooks/%s carries an unsigned message in its body, then it is refused, no turn runs and nothing is sent or stored',
      async (platform) => {
        const done = await untouched();
        const answer = await deliver(platform, { method: 'GET', query: '', contentType: JSON_TYPE, body: message(platform, 424_242), headers: {} });
        expectJsonError(answer, [405], 'METHOD_NOT_ALLOWED');
        await done(answer);
      },
    );

    it.each([
      ['telegram', '{"update_id":1,"message":"x"}'],
      ['telegram', '{"update_id":2,"message":{"message_id":1,"from":{"id":1},"chat":null,"date":1,"text":"Hej"}}'],
      ['messenger', '{"object":"page","entry":false}'],
      ['line', '{}'],
      ['line', '{"destination":"U0123456789abcdef0123456789abcdef"}'],
      ['slack', '{"type":"event_callback","event_id":"Ev1","event":"x"}'],
    ] as const)('when a correctly signed %s delivery has an unexpected shape (%s), then it is 200 or a 4xx JSON error, not a 500', async (platform, body) => {
      expectSuccessOrJsonError(await deliver(platform, signed(platform, body)), () => undefined);
    });

    it.each(['telegram', 'messenger', 'line', 'slack'] as const)(
      'when a correctly signed %s delivery nests 50 000 arrays deep in a field nobody reads, then it is 200 or a 4xx JSON error, not a 500 (stack overflow)',
      async (platform) => {
        const body = message(platform, 515_151);
        expectSuccessOrJsonError(
          await deliver(platform, signed(platform, `${body.slice(0, -1)},"deep":${toBody('@@nested:50000:array@@')}}`)),
          () => undefined,
        );
      },
    );

    it('when a correctly signed Telegram button press has a number as its language code, then it is a 400 JSON error, not a 500 from the turn-error path', async () => {
      const base = BASES.telegram.find((candidate) => candidate.name === 'button press')!;
      const { body } = encode(base.encoding, setAt(base.freshId(base.value, 626_262), ['callback_query', 'from', 'language_code'], 1_962_306_784));
      const done = await untouched();
      const answer = await deliver('telegram', signed('telegram', body));
      expectJsonError(answer, [400]);
      await done(answer);
    });

    it('when a correctly signed Slack button press has a NUL in its channel id (escaped inside the form’s JSON payload), then it is a 400 JSON error, not a 500 from the database', async () => {
      const base = BASES.slack.find((candidate) => candidate.name === 'button press')!;
      const { body, contentType: type } = encode(base.encoding, setAt(base.freshId(base.value, 737_373), ['channel', 'id'], '\u0000'));
      const done = await untouched();
      const answer = await deliver('slack', signed('slack', body, type));
      expectJsonError(answer, [400]);
      await done(answer);
    });

    it('when a correctly signed Slack url_verification carries a challenge nested 100 deep, then it is a 400 JSON error before bottender echoes it', async () => {
      const challenge = `${'['.repeat(100)}${']'.repeat(100)}`;
      expectJsonError(await deliver('slack', signed('slack', `{"token":"t","challenge":${challenge},"type":"url_verification"}`)), [400]);
    });

    it.each([
      ['messenger', ['entry', 0, 'messaging', 0, 'message', 'mid']],
      ['line', ['events', 0, 'webhookEventId']],
      ['slack', ['event_id']],
      ['whatsapp', ['MessageSid']],
    ] as const)(
      'when a correctly signed %s delivery’s id contains a NUL character, then it is 200 or a 4xx JSON error, not a 500 from the database',
      async (platform, at) => {
        const base = BASES[platform][0]!;
        const { body, contentType: type } = encode(base.encoding, setAt(base.value, at, 'x\u0000y'));
        expectSuccessOrJsonError(await deliver(platform, signed(platform, body, type)), () => undefined);
      },
    );
  });
});

/** A request with a body through node:http (fetch refuses a GET with one), read like `send`. */
function sendWithBody(url: string, method: string, body: Buffer, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, signal, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
