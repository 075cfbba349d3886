import { z } from 'zod';
import { LocalizedText } from './localized-text.js';

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits or dashes');
const Labelled = z.object({ id: Id, label: LocalizedText }).strict();
const uniqueIds = (entries: readonly { id: string }[]) => new Set(entries.map((entry) => entry.id)).size === entries.length;

/** What the register's conversation says, each a text in every language. */
export const VOLUNTEER_TEXT_KEYS = [
  'offerRegister',
  'askSkills',
  'askAreas',
  'askTimes',
  'chosenSoFar',
  'done',
  'everywhere',
  'chooseAtLeastOne',
  'askReach',
  'reachApp',
  'reachSms',
  'reachEmail',
  'consent',
  'registered',
  'notRegistered',
  'summary',
  'statusActive',
  'statusPaused',
  'whatNow',
  'change',
  'pause',
  'resume',
  'leave',
  'nothing',
  'paused',
  'resumed',
  'left',
  'notInRegister',
  'callOut',
  'callOutYes',
  'callOutNo',
  'callOutByEmail',
  'callOutBySms',
  'emailSubject',
  'accepted',
  'declined',
  'filled',
  'cancelled',
  'alreadyAnswered',
] as const;
export type VolunteerTextKey = (typeof VOLUNTEER_TEXT_KEYS)[number];

/** What a volunteer writes to manage their entry, in any of the catalog's languages. */
export const VOLUNTEER_COMMANDS = ['show', 'pause', 'resume', 'leave'] as const;
export type VolunteerCommand = (typeof VOLUNTEER_COMMANDS)[number];
const Phrases = z.record(z.string(), z.array(z.string().trim().min(1)));

/** When a volunteer can help: the kinds of time a need's start falls in (`crisis` is its own kind). */
export const TIME_KINDS = ['weekdays', 'evenings', 'weekends', 'crisis'] as const;
export type TimeKind = (typeof TIME_KINDS)[number];

/**
 * The volunteer register (`volunteers` in the catalog): what volunteers can say they do, where
 * and when, who may call them out, and the rules that keep their engagement (the seeds' first
 * lesson: ask only when there is a clear need).
 */
export const VolunteerSettings = z
  .object({
    /** The instances whose staff create needs and call volunteers out; the first coordinates the register. */
    coordinators: z.array(Id).min(1),
    /** What a volunteer can do (driving with their own car, errands, visits…). */
    skills: z.array(Labelled).min(1).refine(uniqueIds, 'skill ids must be unique'),
    /** Where in the municipality (Ekerö centrum, Stenhamra, Färingsö…): place names, the same in every language. */
    areas: z
      .array(z.object({ id: Id, name: z.string().trim().min(1) }).strict())
      .min(1)
      .refine(uniqueIds, 'area ids must be unique'),
    /** When: every kind of time, each with its label. */
    times: z
      .array(z.object({ id: z.enum(TIME_KINDS), label: LocalizedText }).strict())
      .refine(
        (times) => TIME_KINDS.every((kind) => times.some((time) => time.id === kind)) && uniqueIds(times),
        `must name each of ${TIME_KINDS.join(', ')} once`,
      ),
    /** A volunteer inactive this long is forgotten. */
    retentionMonths: z.number().int().min(1).max(60).default(24),
    /** Nobody is asked more often than this in seven days. */
    maxCallOutsPerWeek: z.number().int().min(1).max(14).default(2),
    /** How many are asked for each place a need has, by default (frivilliga resursgrupper ask about three times as many). */
    callOutFactor: z.number().min(1).max(10).default(3),
    /** Raise it whenever what a volunteer agrees to changes: each registration records the version. */
    consentVersion: z.string().trim().min(1),
    commands: z.object(Object.fromEntries(VOLUNTEER_COMMANDS.map((command) => [command, Phrases])) as Record<VolunteerCommand, typeof Phrases>).strict(),
    texts: z.object(Object.fromEntries(VOLUNTEER_TEXT_KEYS.map((key) => [key, LocalizedText])) as Record<VolunteerTextKey, typeof LocalizedText>).strict(),
  })
  .strict();
export type VolunteerSettings = z.infer<typeof VolunteerSettings>;
