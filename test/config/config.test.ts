import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, isDevelopmentMode, loadConfig } from '../../src/config';
import { EnvSchema } from '../../src/config/schema';

const failureOf = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

const RANDOM_SECRET = 'q3V9zK1mR7tX2bN8wL5cH0pJ4dF6gY-a';

describe('configuration', () => {
  it('when nothing is set, then Lotsen runs in development mode on port 3978 with the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATABASE_URL: 'pglite:./data/pglite', NODE_ENV: 'development' });
    expect(isDevelopmentMode(config)).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when a messaging app is half configured, then the missing secret is named', () => {
    const error = failureOf({ MESSENGER_ACCESS_TOKEN: 'token', MESSENGER_APP_SECRET: 'secret' });
    expect(error.variable).toBe('MESSENGER_VERIFY_TOKEN');
    expect(error.message).toMatch(/messenger/);
  });

  it('when WhatsApp is configured without PUBLIC_BASE_URL, then it is refused (Twilio signs the public address)', () => {
    expect(failureOf({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', WHATSAPP_PHONE_NUMBER: 'whatsapp:+46701234567' }).variable).toBe('PUBLIC_BASE_URL');
    expect(
      failureOf({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', WHATSAPP_PHONE_NUMBER: '0701234567', PUBLIC_BASE_URL: 'https://x.se' }).variable,
    ).toBe('WHATSAPP_PHONE_NUMBER');
  });

  it('when PORT is not a number, then the start stops with one line naming PORT', () => {
    const error = failureOf({ PORT: 'abc' });
    expect(error.variable).toBe('PORT');
    expect(error.message).toMatch(/^Configuration error: PORT /);
    expect(error.message).not.toContain('\n');
  });

  it('when DATABASE_URL is neither pglite: nor postgresql://, then it is refused by name', () => {
    expect(failureOf({ DATABASE_URL: 'mysql://localhost/x' }).variable).toBe('DATABASE_URL');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/d' }).DATABASE_URL).toBe('postgresql://u@h:5432/d');
  });

  it('when NODE_ENV=production without MicrosoftAppId, then development mode is refused', () => {
    const error = failureOf({ NODE_ENV: 'production' });
    expect(error.variable).toBe('MicrosoftAppId');
    expect(error.message).toMatch(/production/);
  });

  it('when NODE_ENV=production with STAFF_DEV_TOKEN, then the token is refused', () => {
    const error = failureOf({
      NODE_ENV: 'production',
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'secret',
      DIRECTLINE_SECRET: RANDOM_SECRET,
      STAFF_DEV_TOKEN: 'a-development-token',
    });
    expect(error.variable).toBe('STAFF_DEV_TOKEN');
  });

  it('when NODE_ENV=production has no DIRECTLINE_SECRET, then it is asked for, since every instance must check the same tokens', () => {
    expect(failureOf({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).variable).toBe('DIRECTLINE_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', DIRECTLINE_SECRET: RANDOM_SECRET }).NODE_ENV).toBe(
      'production',
    );
  });

  it('when MicrosoftAppId is set without a password, then the password is asked for by name', () => {
    expect(failureOf({ MicrosoftAppId: 'id' }).variable).toBe('MicrosoftAppPassword');
  });

  it('when a secret is invalid, then its value is never echoed', () => {
    const error = failureOf({ STAFF_DEV_TOKEN: 'short-secret' });
    expect(error.variable).toBe('STAFF_DEV_TOKEN');
    expect(error.message).not.toContain('short-secret');
  });

  it('when a key is set to an empty string, then it counts as not set', () => {
    expect(loadConfig({ MicrosoftAppId: '', CATALOG_PATH: '' })).toMatchObject({ MicrosoftAppId: undefined, CATALOG_PATH: undefined });
  });

  it('when OUTBOX_LEASE_SECONDS is set, then it is the lease; shorter than a delivery may take (15 s) is refused by name', () => {
    expect(loadConfig({}).OUTBOX_LEASE_SECONDS).toBe(30);
    expect(loadConfig({ OUTBOX_LEASE_SECONDS: '20' }).OUTBOX_LEASE_SECONDS).toBe(20);
    expect(failureOf({ OUTBOX_LEASE_SECONDS: '5' }).message).toMatch(/OUTBOX_LEASE_SECONDS/);
  });

  it('when .env.example is read, then it documents exactly the keys the schema reads', () => {
    const example = readFileSync(path.join(__dirname, '..', '..', '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Za-z_]+)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it('when NODE_ENV=production has a guessable DIRECTLINE_SECRET (32 identical or repeated characters), then it is refused', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' };
    for (const weak of ['x'.repeat(32), 'abcd'.repeat(8), 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb']) {
      const error = failureOf({ ...production, DIRECTLINE_SECRET: weak });
      expect(error.variable).toBe('DIRECTLINE_SECRET');
      expect(error.message).toMatch(/too easy to guess/);
      expect(error.message).not.toContain(weak);
    }
    expect(loadConfig({ ...production, DIRECTLINE_SECRET: RANDOM_SECRET }).DIRECTLINE_SECRET).toBe(RANDOM_SECRET);
    expect(loadConfig({ DIRECTLINE_SECRET: 'x'.repeat(32) }).DIRECTLINE_SECRET).toBe('x'.repeat(32)); // development: anything long enough
  });

  it('when ALLOWED_ORIGINS and TRUST_PROXY are set, then they are lists; a path or a bad address is named', () => {
    const config = loadConfig({ ALLOWED_ORIGINS: 'https://www.ekero.se, https://ekero.se:8443/', TRUST_PROXY: 'loopback, 10.0.0.0/8' });
    expect(config.ALLOWED_ORIGINS).toEqual(['https://www.ekero.se', 'https://ekero.se:8443']);
    expect(config.TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({})).toMatchObject({ ALLOWED_ORIGINS: [], TRUST_PROXY: [] });
    expect(failureOf({ ALLOWED_ORIGINS: 'https://www.ekero.se/chat' }).variable).toMatch(/^ALLOWED_ORIGINS/);
    expect(failureOf({ ALLOWED_ORIGINS: 'www.ekero.se' }).variable).toMatch(/^ALLOWED_ORIGINS/);
    expect(failureOf({ TRUST_PROXY: 'the-proxy' }).variable).toBe('TRUST_PROXY');
  });

  it('when e-mail is half configured or SMTP_URL is not an smtp address, then the variable is named', () => {
    expect(failureOf({ SMTP_URL: 'smtp://mail.ekero.se:25' }).variable).toBe('MAIL_FROM');
    expect(failureOf({ MAIL_FROM: 'lotsen@ekero.se' }).variable).toBe('SMTP_URL');
    expect(failureOf({ SMTP_URL: 'https://mail.ekero.se', MAIL_FROM: 'lotsen@ekero.se' }).variable).toBe('SMTP_URL');
    expect(loadConfig({ SMTP_URL: 'smtps://lotsen:secret@mail.ekero.se:465', MAIL_FROM: 'lotsen@ekero.se' }).MAIL_FROM).toBe('lotsen@ekero.se');
  });
});
