import pino, { type DestinationStream, type Logger } from 'pino';
import { safeLogging } from '../domain/errors.js';
import { requestLogFields } from '../server/request-context.js';

/** Lotsen's JSON log: errors without their messages' personal data, and every line of a request with its id (and trace). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'lotsen' }, ...safeLogging, mixin: requestLogFields };
  return destination ? pino(options, destination) : pino(options);
}
