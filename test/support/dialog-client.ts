import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { ConversationProfile } from '../../dialogs/dialog-deps';
import { MainDialog } from '../../dialogs/main-dialog';
import { Router } from '../../src/domain/routing/router';
import { loadCatalogFile } from '../../src/storage/catalog-file';

export const catalog = loadCatalogFile();
export const router = Router.fromCatalog(catalog);

/** Lotsen's root dialog in a test client, with its own conversation state. */
export function newConversation(): DialogTestClient {
  const conversationState = new ConversationState(new MemoryStorage());
  const profile = conversationState.createProperty<ConversationProfile>('profile');
  return new DialogTestClient('webchat', new MainDialog({ catalog, router, profile }), undefined, [], conversationState);
}

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
export const routeAnswer = (id: string, language: 'sv' | 'en' = 'sv'): string => catalog.routes.find((route) => route.id === id)!.answer[language];
