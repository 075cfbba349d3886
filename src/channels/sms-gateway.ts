import type { DeliveryOutcome } from '../domain/notifications.js';
import type { SendSms } from './volunteer-messenger.js';

/**
 * SMS through an HTTP gateway (`SMS_GATEWAY_URL`, `SMS_GATEWAY_TOKEN`): a JSON POST of
 * `{ "to": "+46…", "message": "…" }` with the token as a bearer, as Swedish SMS gateways take
 * it. A 429 or 503 waits as long as Retry-After says; other refusals of the request are final.
 */
export function httpSmsSender(url: string, token: string): SendSms {
  return async (to, text) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to, message: text }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return { status: 'retry', reason: 'network' };
    }
    return outcomeOf(response);
  };
}

function outcomeOf(response: Response): DeliveryOutcome {
  if (response.ok) return { status: 'delivered' };
  const reason = `http-${response.status}`;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 429 || response.status === 503)
    return { status: 'retry', reason, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
  if (response.status >= 400 && response.status < 500 && response.status !== 408) return { status: 'rejected', reason };
  return { status: 'retry', reason };
}
