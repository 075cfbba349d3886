/** What a request is to the request log and the metrics: a turn and the channel it came by, a web chat poll, or anything else. */
export type RequestKind = { readonly turn: string } | 'poll' | 'other';

/** A web chat's activities: posted to (a turn), and polled for new ones (every second per polling chat). */
const ACTIVITIES = /^\/v3\/directline\/conversations\/[^/]+\/activities$/;
/** Where turns arrive: the Bot Framework endpoint, the web chat's Direct Line, a messaging app's webhook. */
const TURNS: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^\/api\/messages$/, () => 'botframework'],
  [ACTIVITIES, () => 'webchat'],
  [/^\/webhooks\/([a-z]+)$/, (match) => match[1]!],
];

export function requestKind(method: string | undefined, path: string): RequestKind {
  if (method === 'GET') return ACTIVITIES.test(path) ? 'poll' : 'other';
  if (method !== 'POST') return 'other';
  for (const [pattern, channelOf] of TURNS) {
    const match = pattern.exec(path);
    if (match) return { turn: channelOf(match) };
  }
  return 'other';
}
