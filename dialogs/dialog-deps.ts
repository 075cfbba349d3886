import type { StatePropertyAccessor } from 'botbuilder-core';
import type { Catalog, Language, LocalizedText, TextKey } from '../src/domain/catalog/schema.js';
import type { Router } from '../src/domain/routing/router.js';

/** How Lotsen speaks with this person: their language, or both when they wrote another one. */
export type Speech = Language | 'both';

/** What Lotsen remembers about a conversation between turns (in ConversationState). */
export interface ConversationProfile {
  speech: Speech;
  greeted: boolean;
}

export const newProfile = (): ConversationProfile => ({ speech: 'sv', greeted: false });

/** What every dialog needs; built once in the composition root. */
export interface DialogDeps {
  readonly catalog: Catalog;
  readonly router: Router;
  readonly profile: StatePropertyAccessor<ConversationProfile>;
}

/** A localized text in the person's language; both languages, Swedish first, when unsure. */
export const say = (text: LocalizedText, speech: Speech): string => (speech === 'both' ? `${text.sv}\n\n${text.en}` : text[speech]);

export const sayKey = (catalog: Catalog, key: TextKey, speech: Speech): string => say(catalog.texts[key], speech);

/** Button titles stay short: one language, Swedish when unsure. */
export const titleOf = (text: LocalizedText, speech: Speech): string => text[speech === 'both' ? 'sv' : speech];
