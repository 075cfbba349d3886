/** A resident in the web chat as Web Chat talks to Lotsen's Direct Line over HTTP: a token, the conversation, posts and polls. */
export interface WebChatResident {
  readonly conversationId: string;
  readonly token: string;
  /** Posts a message (text, or a button's value as text) and returns the bot's replies to it. */
  say(text: string): Promise<BotReply[]>;
}

export interface BotReply {
  readonly text?: string;
  readonly replyToId?: string;
  readonly from: { readonly role?: string };
  readonly channelData?: { readonly lotsen?: { readonly expecting?: string; readonly handoff?: unknown } };
}

const PREFIX = '/v3/directline';

export async function directLineCall<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${PREFIX}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => undefined)) as T;
  if (!res.ok) throw new Error(`${method} ${PREFIX}${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Opens a web chat as the page does: a token, then the conversation (the bot greets). */
export async function openWebChat(baseUrl: string, locale = 'sv'): Promise<WebChatResident & { streamUrl?: string }> {
  const { token, conversationId } = await directLineCall<{ token: string; conversationId: string }>(baseUrl, 'POST', '/tokens/generate', undefined, { locale });
  const { streamUrl } = await directLineCall<{ streamUrl?: string }>(baseUrl, 'POST', '/conversations', token);
  const activities = `/conversations/${encodeURIComponent(conversationId)}/activities`;
  let watermark: string | undefined;
  const read = async () => {
    const page = await directLineCall<{ activities: BotReply[]; watermark?: string }>(
      baseUrl,
      'GET',
      watermark === undefined ? activities : `${activities}?watermark=${encodeURIComponent(watermark)}`,
      token,
    );
    watermark = page.watermark;
    return page.activities;
  };
  await read();
  return {
    conversationId,
    token,
    ...(streamUrl ? { streamUrl } : {}),
    async say(text) {
      const { id } = await directLineCall<{ id: string }>(baseUrl, 'POST', activities, token, { type: 'message', from: { id: `dl_${conversationId}` }, text });
      // The turn has run when the POST answers: its replies are in the transcript.
      return (await read()).filter((activity) => activity.replyToId === id && activity.from.role === 'bot');
    },
  };
}
