import { instanceOf, type Catalog } from '../catalog/schema.js';
import { addWorkingDays, addWorkingHours } from './working-days.js';

/**
 * The service-level rules, in one place: when a handoff must be claimed and when the person must
 * be contacted, counted in the catalog's office calendar (time zone, office hours, Swedish public
 * holidays), and which handoffs are still waiting for either. The dialog, Teams, escalation and
 * the statistics all read these.
 */
export interface Deadlines {
  /** Claimed within the instance's `claimWithinHours` office hours, or escalated. */
  readonly claimDueAt: Date;
  /** The person contacted within the instance's `slaWorkingDays`, by closing time, or escalated. */
  readonly slaDueAt: Date;
}

/** The deadlines of a handoff to `instanceId` registered (or rerouted) at `at`. */
export function deadlinesFor(catalog: Catalog, instanceId: string, at: Date): Deadlines {
  const instance = instanceOf(catalog, instanceId);
  if (!instance) throw new RangeError(`Unknown instance "${instanceId}"`);
  const { timeZone, opens, closes } = catalog.office;
  return {
    claimDueAt: addWorkingHours(at, instance.claimWithinHours, { timeZone, officeHours: { opens, closes } }),
    slaDueAt: addWorkingDays(at, instance.slaWorkingDays, { timeZone, endOfDayHour: Math.min(closes, 23) }),
  };
}

/** Statuses of a handoff nobody has claimed yet: past `claimDueAt` it is escalated. */
export const AWAITING_CLAIM = ['registered', 'notified'] as const;
/** Statuses of a handoff whose person is not contacted yet: past `slaDueAt` it is escalated, and a breach. */
export const AWAITING_CONTACT = ['registered', 'notified', 'claimed'] as const;

/** A date and time as staff and residents read it, in the office's time zone. */
export function officeTime(catalog: Catalog, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: catalog.office.timeZone });
}
