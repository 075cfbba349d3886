import { z } from 'zod';
import { LocalizedText } from './localized-text.js';
import { AccessibilityStatementFacts, PrivacyNoticeFacts } from './notices.js';
import { VolunteerSettings } from './volunteer-settings.js';
import { DEFAULT_OFFICE_HOURS, DEFAULT_TIME_ZONE } from '../handoff/working-days.js';

const Text = z.string().trim().min(1);
export { LocalizedText } from './localized-text.js';

const Id = z.string().regex(/^[a-z][a-z0-9.-]*$/, 'must be lower-case letters, digits, dots or dashes');
const Phrases = z.array(z.string().trim().min(1).max(2000));
/** A language's code: ISO 639 (`sv`, `ar`, `ckb`) with an optional variant (`sv-lattlast`). */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}(?:-[a-z0-9]+)*$/, 'must be a language code such as sv, en, ar or sv-lattlast');
/** Phrases per language: what people write, in the language they write it in. */
const PhrasesByLanguage = z.record(LanguageCode, Phrases);
export type PhrasesByLanguage = z.infer<typeof PhrasesByLanguage>;

const isValid = (make: () => unknown): boolean => {
  try {
    make();
    return true;
  } catch {
    return false;
  }
};

/** A language Lotsen answers in. */
export const LanguageSettings = z
  .object({
    /** The language's name in itself ("Svenska", "English", "Suomi"). */
    name: Text,
    /** The BCP 47 locale dates are written in (default: the language code). */
    locale: z
      .string()
      .refine((locale) => isValid(() => new Intl.DateTimeFormat(locale)), 'must be a BCP 47 locale such as sv-SE or en-GB')
      .optional(),
    /** Where this language's missing texts come from (default: Swedish). */
    fallback: LanguageCode.optional(),
    /** The language this one is the easy-to-read form of (lättläst of Swedish): offered to those who write it simply. */
    easyReadOf: LanguageCode.optional(),
    /** What a person writes to be answered in this language ("in English", "på engelska"), in any language. */
    switch: Phrases.min(1),
  })
  .strict();
export type LanguageSettings = z.infer<typeof LanguageSettings>;
/** The router needs a few examples of every route to learn it from. */
export const MIN_EXAMPLES_PER_ROUTE = 5;

/** The route of acute danger: never routed to an instance, answered with emergency numbers. */
export const EMERGENCY_ROUTE = 'akut';

export const Instance = z
  .object({
    id: Id,
    name: LocalizedText,
    /** Roles and shared mailboxes only, never named private persons. */
    contact: z
      .object({ phone: z.string().trim().min(3).optional(), email: z.email().optional(), web: z.url().optional() })
      .strict()
      .default({}),
    /** Working days within which the instance contacts the person. */
    slaWorkingDays: z.number().int().min(1).max(30),
    /** Office hours within which someone should claim a new handoff, or it is escalated. */
    claimWithinHours: z.number().positive().max(200).default(4),
    /** Who is told when a handoff is not taken in time; default: the catalog's contact centre. */
    fallback: Id.optional(),
    /** The instance's shared mailbox (never a person's): told by e-mail when its Teams channel cannot be reached (needs SMTP_URL). */
    mailbox: z.email().optional(),
  })
  .strict();
export type Instance = z.infer<typeof Instance>;

export const Route = z
  .object({
    id: Id,
    instance: Id,
    label: LocalizedText,
    /** The concrete answer Lotsen gives for the route. */
    answer: LocalizedText,
    /** Words and short phrases that strongly signal the route, per language. */
    keywords: PhrasesByLanguage.default({}),
    /** How people really ask, per language: the router learns from these (and the example files) at start. */
    examples: PhrasesByLanguage.default({}),
    /**
     * A check before the handoff is offered: yes/no questions asked in order; the first "no"
     * explains why (`ifNo`) and offers the route that fits `instead`.
     */
    eligibility: z
      .object({
        intro: LocalizedText,
        criteria: z.array(z.object({ question: LocalizedText, ifNo: LocalizedText, instead: Id }).strict()).min(1),
        eligible: LocalizedText,
      })
      .strict()
      .optional(),
    /**
     * The questions people ask within the route (how much, when, how to apply, who may apply,
     * which rules), each with the phrasings that ask it (`*` for any ending) and its answer.
     * Asked with the first message or after the answer, they are answered before the offer.
     */
    questions: z.array(z.object({ id: Id, asked: PhrasesByLanguage, answer: LocalizedText }).strict()).optional(),
    /** What the person wants, asked before the offer; the chosen option's id reaches staff as the handoff's `need`. */
    needs: z
      .object({
        question: LocalizedText,
        /**
         * `concepts`: the lexicon's concepts (languages/*.yaml) that show this is what the person
         * wants; when their message shows one option only, it is taken and not asked.
         */
        options: z
          .array(
            z
              .object({
                id: Id,
                label: LocalizedText,
                concepts: z.array(Id).default([]),
                /** After the handoff, the volunteer register is offered too (someone who wants to volunteer with the instance). */
                offersRegister: z.boolean().default(false),
              })
              .strict(),
          )
          .min(2),
      })
      .strict()
      .optional(),
    /**
     * What the answer offers: that the instance contacts the person (a handoff), or, where the
     * catalog has a volunteer register, to join it (signing up as a volunteer is joining it).
     */
    offer: z.enum(['handoff', 'volunteerRegister']).default('handoff'),
  })
  .strict();
export type Route = z.infer<typeof Route>;

export const EmergencyNumber = z.object({ number: z.string().trim().min(3), label: LocalizedText }).strict();

export const Area = z
  .object({
    id: Id,
    label: LocalizedText,
    /** Short, concrete orientation shown when a person picks the area. */
    intro: LocalizedText,
    routes: z.array(Id).min(1),
  })
  .strict();
export type Area = z.infer<typeof Area>;

export const TEXT_KEYS = [
  'welcome',
  'chooseArea',
  'notUnderstood',
  'anythingElse',
  'turnError',
  'clarify',
  'noneOfThese',
  'offerHandoff',
  'yes',
  'no',
  'noHandoff',
  'consent',
  'consentAccept',
  'consentDecline',
  'consentDeclined',
  'askName',
  'invalidName',
  'askContactWay',
  'byPhone',
  'byEmail',
  'askPhone',
  'invalidPhone',
  'askEmail',
  'invalidEmail',
  'tooManyTries',
  'phoneUnreadable',
  'emailUnreadable',
  'askTime',
  'timeMorning',
  'timeAfternoon',
  'timeAnytime',
  'askSummary',
  'skip',
  'summaryStripped',
  'confirm',
  'labelName',
  'labelContact',
  'labelTime',
  'labelSummary',
  'labelInstance',
  'askInterpreter',
  'labelInterpreter',
  'confirmYes',
  'confirmNo',
  'changeDetail',
  'whichDetail',
  'askNewContact',
  'contactUnchanged',
  'registered',
  'registrationFailed',
  'help',
  'cancelled',
  'deleteConfirm',
  'deleteYes',
  'deleted',
  'deletedNoCases',
  'notDeleted',
  'deleteFailed',
  'languageSwitched',
  'chooseLanguage',
  'offerEasyRead',
  'talkToPerson',
  'offerSwitchTopic',
  'switchTopicYes',
  'switchTopicNo',
] as const;

/** What a whole message may ask of Lotsen besides its question; switching language is declared per language (`languages.*.switch`). */
export const COMMANDS = ['help', 'cancel', 'startOver', 'human', 'deleteData'] as const;
export type Command = (typeof COMMANDS)[number];
/** A command's phrases per language; Swedish required. */
const CommandPhrases = z.object({ sv: Phrases.min(1) }).catchall(Phrases);
export type TextKey = (typeof TEXT_KEYS)[number];

/**
 * The catalog: everything staff may change without a release. Validated at start; a mistake
 * stops the start with the field (and the line, see the file loader) that is wrong.
 */
export const CatalogSchema = z
  .object({
    municipality: z.string().trim().min(1),
    /** The instance that takes everything else, and escalations by default. */
    contactCentre: Id,
    privacy: z
      .object({
        /** Raised whenever the consent text changes; every handoff records the version agreed to. */
        consentVersion: z.string().trim().min(1),
        noticeUrl: z.string().trim().min(1),
        /** Days after a case is closed until its personal data is erased. */
        retentionDays: z.number().int().min(1).max(3650),
        notice: PrivacyNoticeFacts,
      })
      .strict(),
    accessibility: AccessibilityStatementFacts,
    /**
     * Whole messages that are not questions ("tack!", "hej", "jag förstår inte") and their
     * answers; `askAgain` repeats the question the person was at afterwards.
     */
    smallTalk: z.array(z.object({ phrases: PhrasesByLanguage, answer: LocalizedText, askAgain: z.boolean().default(true) }).strict()).default([]),
    /**
     * One sentence said before the facts when a message shows how the person feels (exhaustion,
     * loneliness, fear): the first entry one of whose lexicon concepts the message speaks of.
     */
    acknowledgements: z.array(z.object({ concepts: z.array(Id).min(1), text: LocalizedText }).strict()).default([]),
    /** The languages Lotsen answers in, Swedish required; the fallback chains are checked below. */
    languages: z.record(LanguageCode, LanguageSettings).refine((languages) => languages.sv !== undefined, 'must include sv (Swedish, the first language)'),
    /** How Lotsen speaks to someone who writes a language it has no texts in: every text in these languages, in order. */
    otherLanguages: z.tuple([LanguageCode], LanguageCode).default(['sv']),
    commands: z.object(Object.fromEntries(COMMANDS.map((command) => [command, CommandPhrases])) as Record<Command, typeof CommandPhrases>).strict(),
    /** Words that count as pressing a button (besides its title), per language. */
    answerWords: z
      .object({
        yes: PhrasesByLanguage,
        no: PhrasesByLanguage,
        phone: PhrasesByLanguage,
        email: PhrasesByLanguage,
        /** How people introduce their name ("jag heter"): what follows is the name. */
        nameIntro: PhrasesByLanguage.default({}),
        /** The word that ends such an introduction in languages that end it with a verb ("است", "እዩ"): not part of the name. */
        nameEnding: PhrasesByLanguage.default({}),
      })
      .strict(),
    texts: z.object(Object.fromEntries(TEXT_KEYS.map((key) => [key, LocalizedText])) as Record<TextKey, typeof LocalizedText>).strict(),
    emergency: z
      .object({
        answer: LocalizedText,
        numbers: z.array(EmergencyNumber).min(1),
        /** Messages of acute danger, per language: the router learns warning signs from them as well. */
        examples: PhrasesByLanguage.default({}),
      })
      .strict(),
    /**
     * A folder (relative to the catalog file) of example files, one per language, so the
     * examples of a language can be read, extended and reviewed together.
     */
    examplesFolder: z.string().trim().min(1).optional(),
    /** A folder (relative to the catalog file) of translation files, one per language (see translations.ts). */
    translationsFolder: z.string().trim().min(1).optional(),
    /**
     * The office calendar every deadline is counted in (claim windows in office hours, contact
     * deadlines in working days, Swedish public holidays off) and every date is shown in.
     */
    office: z
      .object({
        timeZone: z
          .string()
          .refine((zone) => {
            try {
              new Intl.DateTimeFormat('sv-SE', { timeZone: zone });
              return true;
            } catch {
              return false;
            }
          }, 'must be an IANA time zone such as Europe/Stockholm')
          .default(DEFAULT_TIME_ZONE),
        /** Whole local hours: 8 and 16 is 08:00–16:00; a contact deadline falls at closing time. */
        opens: z.number().int().min(0).max(23).default(DEFAULT_OFFICE_HOURS.opens),
        closes: z.number().int().min(1).max(24).default(DEFAULT_OFFICE_HOURS.closes),
      })
      .strict()
      .refine((office) => office.opens < office.closes, { message: 'opens must be before closes', path: ['closes'] })
      .default({ timeZone: DEFAULT_TIME_ZONE, ...DEFAULT_OFFICE_HOURS }),
    instances: z.array(Instance).min(1),
    routes: z.array(Route).min(2),
    areas: z.array(Area).min(1),
    /** The volunteer register and call-outs; without it there is none. */
    volunteers: VolunteerSettings.optional(),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const instanceIds = new Set(catalog.instances.map((instance) => instance.id));
    const routeIds = new Set(catalog.routes.map((route) => route.id));
    const unique = (ids: string[], path: string, what: string) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, index, 'id'], message: `duplicate ${what} id "${id}"` });
        seen.add(id);
      });
    };
    unique(
      catalog.instances.map((instance) => instance.id),
      'instances',
      'instance',
    );
    unique(
      catalog.routes.map((route) => route.id),
      'routes',
      'route',
    );
    unique(
      catalog.areas.map((area) => area.id),
      'areas',
      'area',
    );
    checkLanguages(catalog, ctx);
    const known = (id: string, path: (string | number)[]) => {
      if (!instanceIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown instance "${id}" (known: ${[...instanceIds].join(', ')})` });
    };
    known(catalog.contactCentre, ['contactCentre']);
    const centre = catalog.instances.find((instance) => instance.id === catalog.contactCentre);
    if (centre && (!centre.contact.phone || !centre.contact.email))
      ctx.addIssue({
        code: 'custom',
        path: ['instances', catalog.instances.indexOf(centre), 'contact'],
        message: 'the contact centre needs a phone and an e-mail address: dead ends, the privacy notice and the accessibility statement give them',
      });
    catalog.instances.forEach((instance, index) => instance.fallback && known(instance.fallback, ['instances', index, 'fallback']));
    catalog.volunteers?.coordinators.forEach((id, index) => known(id, ['volunteers', 'coordinators', index]));
    catalog.routes.forEach((route, index) => {
      known(route.instance, ['routes', index, 'instance']);
      route.eligibility?.criteria.forEach((criterion, criterionIndex) => {
        if (!routeIds.has(criterion.instead))
          ctx.addIssue({
            code: 'custom',
            path: ['routes', index, 'eligibility', 'criteria', criterionIndex, 'instead'],
            message: `unknown route "${criterion.instead}"`,
          });
      });
      if (route.needs)
        unique(
          route.needs.options.map((option) => option.id),
          `routes.${index}.needs.options`,
          'need',
        );
      if (route.id === EMERGENCY_ROUTE)
        ctx.addIssue({ code: 'custom', path: ['routes', index, 'id'], message: `"${EMERGENCY_ROUTE}" is answered by the emergency section, not routed` });
    });
    catalog.areas.forEach((area, index) =>
      area.routes.forEach((id, routeIndex) => {
        if (!routeIds.has(id)) ctx.addIssue({ code: 'custom', path: ['areas', index, 'routes', routeIndex], message: `unknown route "${id}"` });
      }),
    );
  });

export type Catalog = z.infer<typeof CatalogSchema>;

type LanguageChecked = Pick<Catalog, 'languages' | 'otherLanguages'>;

/**
 * Every fallback and other language is a declared language, no fallback chain runs in a circle,
 * and every localized text (anywhere in the catalog: an object of strings with `sv`) is written
 * only in declared languages, so a typo in a language code stops the start.
 */
function checkLanguages(catalog: LanguageChecked, ctx: z.RefinementCtx): void {
  const declared = (code: string) => catalog.languages[code] !== undefined;
  const list = Object.keys(catalog.languages).join(', ');
  for (const [code, settings] of Object.entries(catalog.languages)) {
    for (const key of ['fallback', 'easyReadOf'] as const) {
      const named = settings[key];
      if (named && !declared(named))
        ctx.addIssue({ code: 'custom', path: ['languages', code, key], message: `unknown language "${named}" (declared: ${list})` });
    }
    const seen = new Set<string>();
    for (let at: string | undefined = code; at !== undefined; at = catalog.languages[at]?.fallback) {
      if (seen.has(at)) {
        ctx.addIssue({ code: 'custom', path: ['languages', code, 'fallback'], message: `the fallback chain of "${code}" runs in a circle` });
        break;
      }
      seen.add(at);
    }
  }
  catalog.otherLanguages.forEach(
    (code, index) =>
      declared(code) || ctx.addIssue({ code: 'custom', path: ['otherLanguages', index], message: `unknown language "${code}" (declared: ${list})` }),
  );
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((item, index) => visit(item, [...path, index]));
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value);
    if (typeof (value as { sv?: unknown }).sv === 'string' && entries.every(([, text]) => typeof text === 'string')) {
      for (const [code] of entries)
        if (!declared(code))
          ctx.addIssue({ code: 'custom', path: [...path, code], message: `a text in "${code}", which is not among the catalog's languages (${list})` });
      return;
    }
    for (const [key, child] of entries) visit(child, [...path, key]);
  };
  for (const [key, value] of Object.entries(catalog as object)) if (key !== 'languages') visit(value, [key]);
}

/**
 * One language's examples for many routes (`akut` for emergencies), in a file of their own:
 * `review` says whether a person who speaks the language has approved them.
 */
export const ExampleFileSchema = z
  .object({
    language: LanguageCode,
    review: z.enum(['machine', 'reviewed']).default('machine'),
    routes: z.record(z.string(), Phrases),
  })
  .strict();
export type ExampleFile = z.infer<typeof ExampleFileSchema>;

/**
 * The catalog with the example files' phrases added to their routes (and `akut` ones to the
 * emergency section). An example for a route the catalog lacks is a mistake worth stopping for.
 */
export function withExamples(catalog: Catalog, files: readonly ExampleFile[]): Catalog {
  const add = (into: PhrasesByLanguage, language: string, phrases: readonly string[]): PhrasesByLanguage => ({
    ...into,
    [language]: [...(into[language] ?? []), ...phrases],
  });
  let merged: Catalog = catalog;
  for (const file of files) {
    for (const [routeId, phrases] of Object.entries(file.routes)) {
      if (routeId === EMERGENCY_ROUTE) {
        merged = { ...merged, emergency: { ...merged.emergency, examples: add(merged.emergency.examples, file.language, phrases) } };
        continue;
      }
      if (!routeOf(merged, routeId))
        throw new Error(`examples for an unknown route "${routeId}" (known: ${[...merged.routes.map((route) => route.id), EMERGENCY_ROUTE].join(', ')})`);
      merged = {
        ...merged,
        routes: merged.routes.map((route) => (route.id === routeId ? { ...route, examples: add(route.examples, file.language, phrases) } : route)),
      };
    }
  }
  const thin = merged.routes.find((route) => Object.values(route.examples).flat().length < MIN_EXAMPLES_PER_ROUTE);
  if (thin)
    throw new Error(
      `route "${thin.id}" has ${Object.values(thin.examples).flat().length} examples; the router needs at least ${MIN_EXAMPLES_PER_ROUTE} to learn it`,
    );
  return merged;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export const fill = (text: string, values: Readonly<Record<string, string | number>>): string =>
  text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));

export const routeOf = (catalog: Catalog, id: string): Route | undefined => catalog.routes.find((route) => route.id === id);

export const instanceOf = (catalog: Catalog, id: string): Instance | undefined => catalog.instances.find((instance) => instance.id === id);

/** The instance that takes a route's handoffs; the contact centre for an unknown route (validation guarantees it exists). */
export const instanceOfRoute = (catalog: Catalog, routeId: string): Instance =>
  instanceOf(catalog, routeOf(catalog, routeId)?.instance ?? catalog.contactCentre)!;

/** The route for everything else: the one the contact centre takes (the first route if none). */
export const contactCentreRoute = (catalog: Catalog): string =>
  catalog.routes.find((route) => route.instance === catalog.contactCentre)?.id ?? catalog.routes[0]!.id;
