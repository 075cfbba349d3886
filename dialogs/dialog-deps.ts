import type { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
import { FIRST_LANGUAGE, FIRST_SPEECH, localeOf, textIn, textInSpeech, type Speech } from '../src/domain/catalog/languages.js';
import { fill, instanceOf, type Catalog, type LocalizedText, type PhrasesByLanguage, type TextKey } from '../src/domain/catalog/schema.js';
import type { HandoffRegistry } from '../src/domain/handoff/handoff.js';
import { addressLink, phoneLink } from '../src/domain/markdown.js';
import type { Router } from '../src/domain/routing/router.js';
import type { VolunteerRegister } from '../src/domain/volunteers/register.js';

/** What Lotsen remembers about a conversation between turns (in ConversationState). */
export interface ConversationProfile {
  /** The languages Lotsen speaks to the person in (see Speech); an older saved profile may hold one code or "both". */
  speech: Speech;
  greeted: boolean;
  /** The route last answered: "talk to a person" goes to its instance. */
  lastRoute?: string;
  /** A route the person seemed to change to mid-way, offered as a switch and awaiting their yes or no. */
  offeredSwitch?: string;
  /** The person chose their language (a button, or a command such as "in English"): what they write no longer changes it. */
  languageChosen?: boolean;
  /** Lotsen asked which language the person wants (once a conversation is enough). */
  languageAsked?: boolean;
  /** Lotsen offered the easy-to-read form of the person's language (once a conversation). */
  offeredEasyRead?: boolean;
}

export const newProfile = (): ConversationProfile => ({ speech: FIRST_SPEECH, greeted: false });

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
  /** The volunteer register, when the catalog has one. */
  readonly volunteers?: VolunteerDeps;
}

export interface VolunteerDeps {
  readonly register: VolunteerRegister;
  /** The channels (messaging apps) a call-out can reach a volunteer in; elsewhere they choose SMS or e-mail. */
  readonly appChannels: readonly string[];
}

/** The notice in the person's language (a language without a page of its own gets the Swedish one). */
const withLanguage = (url: string, language: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${encodeURIComponent(language)}`;

type Values = Readonly<Record<string, string | number>>;
const NO_VALUES: Values = Object.freeze({});

/** The placeholders every text may use, by catalog and language: worked out once, not for each text of each turn. */
const alwaysKnownValues = new WeakMap<Catalog, Map<string, Values>>();

function alwaysKnown(catalog: Catalog, language: string): Values {
  let byLanguage = alwaysKnownValues.get(catalog);
  if (!byLanguage) alwaysKnownValues.set(catalog, (byLanguage = new Map()));
  let values = byLanguage.get(language);
  if (!values) {
    const phone = instanceOf(catalog, catalog.contactCentre)?.contact.phone;
    // Links as links and phone numbers as tel: links (channels showing plain text get plainText of them).
    values = {
      privacyUrl: addressLink(language === FIRST_LANGUAGE ? catalog.privacy.noticeUrl : withLanguage(catalog.privacy.noticeUrl, language)),
      retentionDays: catalog.privacy.retentionDays,
      phone: phone ? phoneLink(phone) : '',
    };
    byLanguage.set(language, values);
  }
  return values;
}

/** How Lotsen speaks to one person: the catalog's texts in their language(s), each missing text from its language's fallback chain. */
export class Voice {
  constructor(
    private readonly catalog: Catalog,
    readonly speech: Speech,
  ) {}

  /** The language a handoff records, and buttons and dates use. */
  get language(): string {
    return this.speech[0];
  }

  /** The locale dates are written in. */
  get locale(): string {
    return localeOf(this.catalog, this.language);
  }

  /** A catalog text with its placeholders filled (the privacy link, retention and the contact centre's phone are always known). */
  text(key: TextKey, values: Values = NO_VALUES): string {
    return this.filled(this.catalog.texts[key], values);
  }

  /** Any localized text of the catalog with its placeholders filled, as `text` fills the catalog's texts. */
  filled(text: LocalizedText, values: Values = NO_VALUES): string {
    const defaults = alwaysKnown(this.catalog, this.language);
    return fill(this.say(text), values === NO_VALUES ? defaults : { ...defaults, ...values });
  }

  /** A localized text in every language of the speech, one paragraph each. */
  say(text: LocalizedText): string {
    return textInSpeech(this.catalog, text, this.speech);
  }

  /** A button title or a label: short, so in one language. */
  title(text: LocalizedText): string {
    return textIn(this.catalog, text, this.language);
  }
}

const wordLists = new WeakMap<PhrasesByLanguage, readonly string[]>();

/**
 * Every language's words for one answer: a person may answer in any of them. Worked out once per
 * list of the catalog (it is asked on most turns, and the catalog does not change).
 */
export function wordsFor(words: PhrasesByLanguage): readonly string[] {
  let all = wordLists.get(words);
  if (!all) wordLists.set(words, (all = [...new Set(Object.values(words).flat())]));
  return all;
}
