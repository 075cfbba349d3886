import type { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
import { fill, instanceOf, type Catalog, type Language, type LocalizedText, type PhrasesByLanguage, type TextKey } from '../src/domain/catalog/schema.js';
import type { HandoffRegistry } from '../src/domain/handoff/handoff.js';
import { UNDETERMINED } from '../src/domain/routing/language.js';
import type { Router } from '../src/domain/routing/router.js';

/** How Lotsen speaks with this person: their language, or both when they wrote another one. */
export type Speech = Language | 'both';

/** How to speak to someone who wrote in a detected language: in it if the catalog has it, Swedish when too little was written to tell, else in both. */
export const speechOf = (language: string): Speech => (language === 'sv' || language === 'en' ? language : language === UNDETERMINED ? 'sv' : 'both');

/** What Lotsen remembers about a conversation between turns (in ConversationState). */
export interface ConversationProfile {
  speech: Speech;
  greeted: boolean;
  /** The route last answered: "talk to a person" goes to its instance. */
  lastRoute?: string;
}

export const newProfile = (): ConversationProfile => ({ speech: 'sv', greeted: false });

/** What every dialog needs; built once in the composition root. */
export interface DialogDeps {
  readonly catalog: Catalog;
  readonly router: Router;
  readonly profile: StatePropertyAccessor<ConversationProfile>;
  readonly handoffs: HandoffRegistry;
  readonly clock: () => Date;
  /** A fresh unique id (a handoff attempt's idempotency key). */
  readonly newId: () => string;
  /** Drops everything this conversation keeps in bot state (after "delete my data"). */
  readonly forgetConversation: (context: TurnContext) => Promise<void>;
  /** Reports an unexpected failure with ids only (never text) to the operators. */
  readonly reportError: (error: unknown, context: TurnContext) => void;
}

/** A localized text in the person's language; both languages, Swedish first, when unsure. */
export const say = (text: LocalizedText, speech: Speech): string => (speech === 'both' ? `${text.sv}\n\n${text.en}` : text[speech]);

/** A catalog text in the person's language with its placeholders filled (privacy link and contact centre phone always known). */
export function sayKey(catalog: Catalog, key: TextKey, speech: Speech, values: Readonly<Record<string, string | number>> = {}): string {
  const contactCentre = instanceOf(catalog, catalog.contactCentre);
  const defaults = { privacyUrl: catalog.privacy.noticeUrl, retentionDays: catalog.privacy.retentionDays, phone: contactCentre?.contact.phone ?? '' };
  return fill(say(catalog.texts[key], speech), { ...defaults, ...values });
}

/** Button titles stay short: one language, Swedish when unsure. */
export const titleOf = (text: LocalizedText, speech: Speech): string => text[speech === 'both' ? 'sv' : speech];

/** Every language's words for one answer: a person may answer in any of them. */
export const wordsFor = (words: PhrasesByLanguage): string[] => [...new Set(Object.values(words).flat())];

/** The language to record and format dates in. */
export const languageOf = (speech: Speech): Language => (speech === 'both' ? 'sv' : speech);
