import { z } from 'zod';

/** Empty strings in a .env file mean "not set", as operators expect. */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const databaseUrl = z
  .string()
  .trim()
  .default('pglite:./data/pglite')
  .refine((value) => /^pglite:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value), {
    message: 'must be pglite:<folder> or postgresql://user@host:port/database',
  });

/** Another API server for a messaging platform (self-hosted, or a test's fake). */
const apiOrigin = optionalText.pipe(z.url({ message: 'must be an absolute URL such as http://127.0.0.1:8081' }).optional());

/** A comma-separated list (empty entries dropped). */
const list = optionalText.transform((value) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/** Web page origins (`https://www.ekero.se`): scheme, host and port, nothing more. */
const isOrigin = (entry: string) => URL.canParse(entry) && /^https?:$/.test(new URL(entry).protocol) && new URL(entry).origin === entry.replace(/\/$/, '');
const origins = list.pipe(
  z.array(
    z
      .string()
      .refine(isOrigin, { message: 'must be origins (scheme, host and port, no path) such as https://www.ekero.se, separated by commas' })
      .transform((entry) => new URL(entry).origin),
  ),
);

/** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or loopback/linklocal/uniquelocal. */
const proxyEntry = z.union([z.enum(['loopback', 'linklocal', 'uniquelocal']), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const trustedProxies = list.refine((entries) => entries.every((entry) => proxyEntry.safeParse(entry).success), {
  message: 'must be IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal, separated by commas',
});

/**
 * Bits of entropy in a secret, estimated from how often each character occurs: 32 identical
 * characters give 0, a random base64 string about 6 a character. Enough to refuse the obvious.
 */
export function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const character of secret) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...secret].length;
  let bitsPerCharacter = 0;
  for (const count of counts.values()) bitsPerCharacter -= (count / length) * Math.log2(count / length);
  return bitsPerCharacter * length;
}

/** What a production secret must at least carry (a random 32-character hex string has 95 or more, four characters repeated 64). */
export const MIN_SECRET_ENTROPY_BITS = 80;

/** Each messaging platform's variables: all of them, or none (then the platform is off). */
export const PLATFORM_VARIABLES = {
  telegram: ['TELEGRAM_ACCESS_TOKEN', 'TELEGRAM_SECRET_TOKEN'],
  messenger: ['MESSENGER_ACCESS_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'],
  line: ['LINE_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET'],
  slack: ['SLACK_ACCESS_TOKEN', 'SLACK_SIGNING_SECRET'],
  whatsapp: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'WHATSAPP_PHONE_NUMBER'],
} as const;

/**
 * Every environment variable Lotsen reads. `.env.example` documents each key; keep the two in step.
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // After SIGTERM, /readyz answers 503 this long while requests are still served, so a load
    // balancer stops sending new ones before the port closes; then running turns finish.
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
    DATABASE_URL: databaseUrl,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    STAFF_DEV_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    CATALOG_PATH: optionalText,
    PUBLIC_BASE_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL such as https://lotsen.example.se' }).optional()),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(256 * 1024),
    DIRECTLINE_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    // The secret before a rotation: tokens it signed are still accepted until they expire (30 minutes).
    DIRECTLINE_SECRET_PREVIOUS: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    // The address to listen on (default: every interface); 127.0.0.1 behind a proxy on the same host.
    HOST: optionalText,
    // OpenTelemetry traces (a span per request and per database call) go to this OTLP/HTTP
    // collector; off when unset. OTEL_EXPORTER_OTLP_HEADERS (e.g. an API key) is read by the exporter.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url({ message: "must be the collector's URL, such as http://otel-collector:4318" }).optional()),
    OTEL_SERVICE_NAME: z.string().min(1).default('lotsen'),
    TRUST_PROXY: trustedProxies,
    ALLOWED_ORIGINS: origins,
    DIRECTLINE_TRANSCRIPT_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    NOTIFIER: z.enum(['teams', 'log']).optional(),
    CONVERSATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    BACKGROUND_JOBS: z.enum(['on', 'off']).default('on'),
    // How long a notification an instance has taken stays its own. After that instance dies, the
    // others deliver it once this has run out; above the 10 s a delivery may take.
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(15).max(600).default(30),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    ENTRA_TENANT_ID: optionalText.pipe(z.uuid({ message: 'must be the tenant id (a GUID)' }).optional()),
    ENTRA_AUDIENCE: optionalText,
    ENTRA_JWKS_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL' }).optional()),
    STAFF_ACCESS_PATH: optionalText,
    SMTP_URL: optionalText.pipe(
      z
        .string()
        .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), {
          message: 'must be smtp://host:port or smtps://user:password@host:465',
        })
        .optional(),
    ),
    MAIL_FROM: optionalText.pipe(z.email({ message: 'must be an e-mail address such as lotsen@ekero.se' }).optional()),
    // Call-outs to volunteers by SMS: an HTTP gateway, and the token it and Lotsen use with each other.
    SMS_GATEWAY_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL such as https://sms.example.se/send' }).optional()),
    SMS_GATEWAY_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    // Messaging apps (bottender): a platform is on when its secrets are set.
    TELEGRAM_ACCESS_TOKEN: optionalText,
    TELEGRAM_SECRET_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A–Z, a–z, 0–9, _ and -')
        .optional(),
    ),
    TELEGRAM_API_ORIGIN: apiOrigin,
    MESSENGER_ACCESS_TOKEN: optionalText,
    MESSENGER_APP_SECRET: optionalText,
    MESSENGER_VERIFY_TOKEN: optionalText,
    MESSENGER_API_ORIGIN: apiOrigin,
    LINE_ACCESS_TOKEN: optionalText,
    LINE_CHANNEL_SECRET: optionalText,
    LINE_API_ORIGIN: apiOrigin,
    SLACK_ACCESS_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_ORIGIN: apiOrigin,
    TWILIO_ACCOUNT_SID: optionalText,
    TWILIO_AUTH_TOKEN: optionalText,
    WHATSAPP_PHONE_NUMBER: optionalText.pipe(
      z
        .string()
        .regex(/^whatsapp:\+\d{6,15}$/, 'must look like whatsapp:+46701234567')
        .optional(),
    ),
    TWILIO_API_ORIGIN: apiOrigin,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production (development mode turns Bot Framework authentication off)',
      });
    }
    if (!env.DIRECTLINE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['DIRECTLINE_SECRET'],
        message: 'is required when NODE_ENV=production (every instance must check the web chat tokens with the same secret)',
      });
    } else if (estimatedEntropyBits(env.DIRECTLINE_SECRET) < MIN_SECRET_ENTROPY_BITS) {
      ctx.addIssue({
        code: 'custom',
        path: ['DIRECTLINE_SECRET'],
        message: 'is too easy to guess for production: use a random one, e.g. `openssl rand -base64 32`',
      });
    }
    if (env.STAFF_DEV_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['STAFF_DEV_TOKEN'], message: 'is for development only and refused when NODE_ENV=production' });
    }
  })
  .superRefine((env, ctx) => {
    for (const [platform, variables] of Object.entries(PLATFORM_VARIABLES)) {
      const missing = variables.filter((variable) => !env[variable]);
      if (missing.length > 0 && missing.length < variables.length) {
        ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `is required to turn ${platform} on (${variables.join(', ')} go together)` });
      }
    }
    if (Boolean(env.SMTP_URL) !== Boolean(env.MAIL_FROM)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL'],
        message: 'is required to send e-mail (SMTP_URL and MAIL_FROM go together)',
      });
    }
    if (Boolean(env.SMS_GATEWAY_URL) !== Boolean(env.SMS_GATEWAY_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMS_GATEWAY_URL ? 'SMS_GATEWAY_TOKEN' : 'SMS_GATEWAY_URL'],
        message: 'is required to send SMS (SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN go together)',
      });
    }
    if (env.TWILIO_ACCOUNT_SID && !env.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required for WhatsApp: Twilio signs the public address it calls' });
    }
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType=SingleTenant' });
    }
  });

export type Config = Readonly<z.infer<typeof EnvSchema>>;
