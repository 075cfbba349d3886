import { randomUUID } from 'node:crypto';
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type ConversationReference } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { ConversationProfile, DialogDeps } from '../../dialogs/dialog-deps';
import { MainDialog } from '../../dialogs/main-dialog';
import { LotsenBot, PROFILE_PROPERTY } from '../../src/channels/lotsen-bot';
import { textIn, type Speech } from '../../src/domain/catalog/languages';
import type { TextKey } from '../../src/domain/catalog/schema';
import type { HandoffDraft, HandoffRegistry } from '../../src/domain/handoff/handoff';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { loadLanguageFiles } from '../../src/storage/language-files';
import { loadRouter } from '../../src/storage/router-model-file';
import { sayKey } from './texts';

export const catalog = loadCatalogFile();
export const languages = loadLanguageFiles();
export const { router } = loadRouter(catalog, languages);

/** For conversations that must never reach the handoff log. */
export const noHandoffs: HandoffRegistry = {
  register: () => Promise.reject(new Error('this test registers no handoff')),
  eraseConversation: () => Promise.resolve([]),
};

/** A registry that keeps the drafts it is given, so a test sees what would be committed. */
export function keptDrafts(): HandoffRegistry & { drafts: HandoffDraft[] } {
  const drafts: HandoffDraft[] = [];
  return {
    drafts,
    register: async (draft) => {
      drafts.push(draft);
      return { id: 'id', reference: 'LOTS-2026-000001', instanceId: draft.instanceId, slaDueAt: draft.slaDueAt, createdAt: new Date() };
    },
    eraseConversation: async () => [],
  };
}

/** Lotsen's root dialog in a test client, with its own conversation state (kept in `memory`, where a test can look). */
export function newConversation(
  handoffs: HandoffRegistry = noHandoffs,
  overrides: Partial<DialogDeps> = {},
  memory: Record<string, string> = {},
): DialogTestClient {
  const conversationState = new ConversationState(new MemoryStorage(memory));
  return clientFor(new MainDialog(dialogDeps(conversationState, handoffs, overrides)), conversationState);
}

/** What Lotsen's dialogs need, on the bundled catalog and router, with the profile kept in `conversationState`. */
export function dialogDeps(conversationState: ConversationState, handoffs: HandoffRegistry = noHandoffs, overrides: Partial<DialogDeps> = {}): DialogDeps {
  return {
    catalog,
    router,
    profile: conversationState.createProperty<ConversationProfile>(PROFILE_PROPERTY),
    handoffs,
    clock: () => new Date(),
    newId: randomUUID,
    forgetConversation: (context) => conversationState.delete(context),
    reportError: () => undefined,
    ...overrides,
  };
}

const conversationIds = new WeakMap<DialogTestClient, string>();

/**
 * A test client on a conversation of its own (its id is what handoffs record), driving the
 * dialog through the same bot every channel reaches (it runs the root dialog and saves state).
 */
export function clientFor(dialog: MainDialog, conversationState: ConversationState): DialogTestClient {
  const bot = new LotsenBot(conversationState, dialog);
  const conversationId = `conversation-${randomUUID()}`;
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId: 'webchat',
    conversation: { id: conversationId },
  } as Partial<ConversationReference> as ConversationReference);
  const client = new DialogTestClient(adapter, dialog, undefined, [], conversationState);
  conversationIds.set(client, conversationId);
  return client;
}

/** The conversation id a test client's activities carry. */
export const conversationIdOf = (client: DialogTestClient): string => conversationIds.get(client)!;

/** Sends one message and collects every reply of that turn. */
export async function turn(client: DialogTestClient, text: string): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  let reply = await client.sendActivity(text);
  while (reply) {
    replies.push(reply);
    reply = client.getNextReply();
  }
  return replies;
}

export const texts = (replies: Partial<Activity>[]): string[] => replies.map((reply) => reply.text ?? '');
export const buttons = (reply: Partial<Activity> | undefined): string[] => reply?.suggestedActions?.actions.map((action) => String(action.value)) ?? [];
export const routeAnswer = (id: string, language = 'sv'): string => textIn(catalog, catalog.routes.find((route) => route.id === id)!.answer, language);
export const expecting = (reply: Partial<Activity> | undefined): unknown =>
  (reply?.channelData as { lotsen?: { expecting?: string } } | undefined)?.lotsen?.expecting;

/** A catalog text as Lotsen says it (placeholders filled). */
export const line = (key: TextKey, speech: string | Speech = 'sv', values: Record<string, string | number> = {}): string =>
  sayKey(catalog, key, speech, values);
