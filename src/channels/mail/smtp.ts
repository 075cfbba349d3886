import nodemailer from 'nodemailer';
import type { SendMail } from './mail-notifier.js';

/**
 * E-mail through the municipality's mail server (`SMTP_URL`, e.g. smtps://user:pass@host:465),
 * with time limits so a silent server cannot hold the outbox.
 */
export function smtpSender(url: string, from: string): SendMail {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return async (message) => {
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
  };
}
