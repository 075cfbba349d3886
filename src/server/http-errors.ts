import type { Response } from 'restify';
import { errorBody } from '../domain/errors.js';

/** The stable code for an HTTP status when no more specific one applies (CONTRACTS.md, STYLE.md 7). */
export const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Answers with Lotsen's JSON error shape. */
export function sendError(res: Response, status: number, message: string, code = CODE_BY_STATUS[status] ?? 'ERROR'): void {
  res.status(status);
  res.json(errorBody(code, message));
}
