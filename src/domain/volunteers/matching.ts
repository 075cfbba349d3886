import type { TimeKind } from '../catalog/volunteer-settings.js';
import { DEFAULT_TIME_ZONE, isWorkingDay } from '../handoff/working-days.js';

/** From this local hour a working day's time is an evening. */
const EVENING_FROM_HOUR = 17;
const WEEK_MS = 7 * 24 * 3_600_000;

/** What a call-out looks at in a volunteer's entry. */
export interface Availability {
  readonly skills: readonly string[];
  readonly areas: readonly string[];
  readonly times: readonly string[];
}

/** What a call-out looks at in a need. */
export interface NeedTerms {
  readonly area: string;
  readonly skills: readonly string[];
  readonly startsAt: Date;
  readonly crisis: boolean;
}

/** The kind of time a need starts in: a weekend (or a public holiday), a working day's evening, or its daytime. */
export function timeKindOf(startsAt: Date, timeZone = DEFAULT_TIME_ZONE): Exclude<TimeKind, 'crisis'> {
  if (!isWorkingDay(startsAt, timeZone)) return 'weekends';
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(startsAt));
  return hour >= EVENING_FROM_HOUR ? 'evenings' : 'weekdays';
}

/**
 * Whether a volunteer fits a need: every skill it asks for, its area, and its time. Someone who
 * helps only in a crisis is asked only for a crisis need, and a crisis need also asks those who
 * said they help in a crisis, whenever it is.
 */
export function fits(volunteer: Availability, need: NeedTerms, timeZone = DEFAULT_TIME_ZONE): boolean {
  if (!need.skills.every((skill) => volunteer.skills.includes(skill)) || !volunteer.areas.includes(need.area)) return false;
  if (need.crisis && volunteer.times.includes('crisis')) return true;
  return volunteer.times.includes(timeKindOf(need.startsAt, timeZone));
}

/** Since when call-outs count towards the weekly limit. */
export const weekBefore = (now: Date): Date => new Date(now.getTime() - WEEK_MS);

/** How many to ask for a need of `count` places: the catalog's factor times the places, rounded up. */
export const defaultCallOutSize = (count: number, factor: number): number => Math.ceil(count * factor);
