/**
 * The messaging platforms' test configuration, shared by the example tests and the fuzz tests:
 * one set of secrets, and every platform's client pointed at a local fake API.
 */
export const PUBLIC_BASE_URL = 'https://lotsen.example.se';

export const SECRETS: Readonly<Record<'telegram' | 'messenger' | 'line' | 'slack' | 'whatsapp', string>> = {
  telegram: 'telegram-secret-token_0123456789',
  messenger: 'messenger-app-secret',
  line: 'line-channel-secret',
  slack: 'slack-signing-secret',
  whatsapp: 'twilio-auth-token',
};

export const MESSENGER_VERIFY_TOKEN = 'messenger-verify-token';

/** Every platform configured, their APIs at `apiOrigin` (a FakePlatformApi). */
export function messagingEnv(apiOrigin: string): NodeJS.ProcessEnv {
  return {
    PUBLIC_BASE_URL,
    TELEGRAM_ACCESS_TOKEN: '123456:telegram-token',
    TELEGRAM_SECRET_TOKEN: SECRETS.telegram,
    TELEGRAM_API_ORIGIN: apiOrigin,
    MESSENGER_ACCESS_TOKEN: 'messenger-page-token',
    MESSENGER_APP_SECRET: SECRETS.messenger,
    MESSENGER_VERIFY_TOKEN,
    MESSENGER_API_ORIGIN: apiOrigin,
    LINE_ACCESS_TOKEN: 'line-token',
    LINE_CHANNEL_SECRET: SECRETS.line,
    LINE_API_ORIGIN: apiOrigin,
    SLACK_ACCESS_TOKEN: 'xoxb-slack-token',
    SLACK_SIGNING_SECRET: SECRETS.slack,
    SLACK_API_ORIGIN: apiOrigin,
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_AUTH_TOKEN: SECRETS.whatsapp,
    WHATSAPP_PHONE_NUMBER: 'whatsapp:+14155238886',
    TWILIO_API_ORIGIN: apiOrigin,
  };
}
