import type { Config } from '../config/index.js';
import type { MessagingPlatform } from '../channels/bottender/messaging-platform.js';
import { linePlatform } from '../channels/bottender/line.js';
import { messengerPlatform } from '../channels/bottender/messenger.js';
import { slackPlatform } from '../channels/bottender/slack.js';
import { telegramPlatform } from '../channels/bottender/telegram.js';
import { whatsappPlatform } from '../channels/bottender/whatsapp.js';

const origin = (value: string | undefined) => (value ? { origin: value } : {});

/**
 * The messaging apps whose secrets are configured (the config schema makes them all-or-nothing).
 * Each is built, and bottender loaded, only here: with none configured, none of it is loaded.
 */
export function messagingPlatforms(config: Config): MessagingPlatform[] {
  const platforms: MessagingPlatform[] = [];
  if (config.TELEGRAM_ACCESS_TOKEN && config.TELEGRAM_SECRET_TOKEN) {
    platforms.push(
      telegramPlatform({ accessToken: config.TELEGRAM_ACCESS_TOKEN, secretToken: config.TELEGRAM_SECRET_TOKEN, ...origin(config.TELEGRAM_API_ORIGIN) }),
    );
  }
  if (config.MESSENGER_ACCESS_TOKEN && config.MESSENGER_APP_SECRET && config.MESSENGER_VERIFY_TOKEN) {
    platforms.push(
      messengerPlatform({
        accessToken: config.MESSENGER_ACCESS_TOKEN,
        appSecret: config.MESSENGER_APP_SECRET,
        verifyToken: config.MESSENGER_VERIFY_TOKEN,
        ...origin(config.MESSENGER_API_ORIGIN),
      }),
    );
  }
  if (config.LINE_ACCESS_TOKEN && config.LINE_CHANNEL_SECRET) {
    platforms.push(linePlatform({ accessToken: config.LINE_ACCESS_TOKEN, channelSecret: config.LINE_CHANNEL_SECRET, ...origin(config.LINE_API_ORIGIN) }));
  }
  if (config.SLACK_ACCESS_TOKEN && config.SLACK_SIGNING_SECRET) {
    platforms.push(slackPlatform({ accessToken: config.SLACK_ACCESS_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET, ...origin(config.SLACK_API_ORIGIN) }));
  }
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.WHATSAPP_PHONE_NUMBER) {
    platforms.push(
      whatsappPlatform({
        accountSid: config.TWILIO_ACCOUNT_SID,
        authToken: config.TWILIO_AUTH_TOKEN,
        phoneNumber: config.WHATSAPP_PHONE_NUMBER,
        ...origin(config.TWILIO_API_ORIGIN),
      }),
    );
  }
  return platforms;
}
