/**
 * Working-day arithmetic for handoff SLAs: the municipality promises an answer within a number of
 * working days, so deadlines must skip the days its offices are closed, judged on the Swedish
 * calendar date, whatever the server's own time zone is.
 */

/** Where Swedish municipal offices keep their hours (the catalog may say otherwise). */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const DAY_MS = 86_400_000;
const SATURDAY = 6;
const SUNDAY = 0;

/**
 * A calendar date without a time zone, carried as the UTC midnight that starts it, so that day
 * arithmetic never meets a daylight-saving shift.
 */
type CalendarDay = number;

function calendarDay(year: number, month: number, day: number): CalendarDay {
  return Date.UTC(year, month - 1, day);
}

function isoDate(day: CalendarDay): string {
  return new Date(day).toISOString().slice(0, 10);
}

function weekday(day: CalendarDay): number {
  return new Date(day).getUTCDay();
}

/** The first date on or after the given one that falls on `wantedWeekday` (0 = Sunday). */
function firstWeekdayFrom(year: number, month: number, day: number, wantedWeekday: number): CalendarDay {
  const from = calendarDay(year, month, day);
  return from + ((wantedWeekday - weekday(from) + 7) % 7) * DAY_MS;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher): no tables to keep up to date. */
function easterSunday(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDay(year, month, day);
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    holidays = new Set(
      [
        calendarDay(year, 1, 1), // nyårsdagen
        calendarDay(year, 1, 6), // trettondedag jul
        easter - 2 * DAY_MS, // långfredagen
        easter, // påskdagen
        easter + 1 * DAY_MS, // annandag påsk
        calendarDay(year, 5, 1), // första maj
        easter + 39 * DAY_MS, // Kristi himmelsfärdsdag
        easter + 49 * DAY_MS, // pingstdagen
        calendarDay(year, 6, 6), // Sveriges nationaldag
        firstWeekdayFrom(year, 6, 19, 5), // midsommarafton (de facto)
        firstWeekdayFrom(year, 6, 20, SATURDAY), // midsommardagen
        firstWeekdayFrom(year, 10, 31, SATURDAY), // alla helgons dag
        calendarDay(year, 12, 24), // julafton (de facto)
        calendarDay(year, 12, 25), // juldagen
        calendarDay(year, 12, 26), // annandag jul
        calendarDay(year, 12, 31), // nyårsafton (de facto)
      ].map(isoDate),
    );
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/**
 * The dates (YYYY-MM-DD) besides Saturdays and Sundays on which municipal offices in Sweden are
 * closed, so an SLA does not run on them.
 *
 * Julafton, midsommarafton and nyårsafton are not public holidays by law (lagen om allmänna
 * helgdagar), but municipal offices are de facto closed on them, so a promise made to a resident
 * cannot count them as working days either. Some of the days always fall on a weekend
 * (påskdagen, pingstdagen, midsommardagen, alla helgons dag); they are listed so the set reads
 * as the calendar people know.
 */
export function swedishPublicHolidays(year: number): Set<string> {
  return new Set(holidaysOf(year));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build and the same one or two time zones are asked for again and again. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at `instant`, written as if it were UTC (whole seconds). */
function wallClockAsUtc(instant: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

function localDay(instant: Date, timeZone: string): CalendarDay {
  const wall = wallClockAsUtc(instant, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * The instant at which clocks in `timeZone` show `hour`:00 on `day`. The offset depends on the
 * instant we are looking for, so guess with the offset at the wall-clock time read as UTC and
 * correct until it agrees (once is enough except next to a daylight-saving shift).
 */
function instantAt(day: CalendarDay, hour: number, timeZone: string): Date {
  const wall = day + hour * 3_600_000;
  let instant = wall;
  for (let attempt = 0; attempt < 4; attempt++) {
    const offset = wallClockAsUtc(new Date(instant), timeZone) - Math.floor(instant / 1000) * 1000;
    const next = wall - offset;
    if (next === instant) break;
    instant = next;
  }
  return new Date(instant);
}

function isWorkingCalendarDay(day: CalendarDay): boolean {
  const dayOfWeek = weekday(day);
  if (dayOfWeek === SATURDAY || dayOfWeek === SUNDAY) return false;
  return !holidaysOf(new Date(day).getUTCFullYear()).has(isoDate(day));
}

/**
 * Whether municipal offices are open on the day of `date`. Judged on the calendar date in
 * `timeZone`, not the server's: 23:30 UTC on 5 January is already trettondedag jul in Stockholm.
 */
export function isWorkingDay(date: Date, timeZone = DEFAULT_TIME_ZONE): boolean {
  return isWorkingCalendarDay(localDay(date, timeZone));
}

/**
 * The moment by which something due `days` working days after `start` must have happened: the end
 * of the office day (`endOfDayHour`, local time) on the `days`-th working day after the local date
 * of `start`. The start day never counts, since a matter registered at 15:55 cannot fairly use up
 * a day; 0 days means "by the end of today", or of the next working day when today is not one
 * (even if that end has already passed when `start` is late in the day).
 */
export function addWorkingDays(start: Date, days: number, options: { timeZone?: string; endOfDayHour?: number } = {}): Date {
  const { timeZone = DEFAULT_TIME_ZONE, endOfDayHour = 16 } = options;
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  if (!Number.isInteger(endOfDayHour) || endOfDayHour < 0 || endOfDayHour > 23) {
    throw new RangeError(`endOfDayHour must be a whole hour 0–23, got ${endOfDayHour}`);
  }
  let day = localDay(start, timeZone);
  if (days === 0) {
    while (!isWorkingCalendarDay(day)) day += DAY_MS;
  }
  for (let counted = 0; counted < days; ) {
    day += DAY_MS;
    if (isWorkingCalendarDay(day)) counted++;
  }
  return instantAt(day, endOfDayHour, timeZone);
}

/** The opening hours of the office, as whole local hours: `opens` 8 and `closes` 16 is 08:00–16:00. */
export interface OfficeHours {
  readonly opens: number;
  readonly closes: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { opens: 8, closes: 16 };

export interface OfficeHoursOptions {
  /** IANA time zone the office hours are read in; Europe/Stockholm unless told. */
  readonly timeZone?: string;
  readonly officeHours?: OfficeHours;
}

const HOUR_MS = 3_600_000;

function checkedOfficeHours(officeHours: OfficeHours): OfficeHours {
  const { opens, closes } = officeHours;
  const isWholeHour = (hour: number): boolean => Number.isInteger(hour) && hour >= 0 && hour <= 24;
  if (!isWholeHour(opens) || !isWholeHour(closes) || opens >= closes) {
    throw new RangeError(`office hours must be whole hours 0–24 with opens < closes, got ${opens}–${closes}`);
  }
  return officeHours;
}

/** When the office opens and closes on `day`, or undefined when `day` is not a working day. */
function officeDay(day: CalendarDay, officeHours: OfficeHours, timeZone: string): { opensAt: number; closesAt: number } | undefined {
  if (!isWorkingCalendarDay(day)) return undefined;
  return {
    opensAt: instantAt(day, officeHours.opens, timeZone).getTime(),
    closesAt: instantAt(day, officeHours.closes, timeZone).getTime(),
  };
}

/**
 * Whether the office is open at `date`: on a working day (see {@link isWorkingDay}) from `opens`
 * (inclusive) to `closes` (exclusive), local time in `timeZone`. 16:00 sharp is already closed,
 * which is also where {@link addWorkingHours} stops counting.
 */
export function isWithinOfficeHours(date: Date, options: OfficeHoursOptions = {}): boolean {
  const { timeZone = DEFAULT_TIME_ZONE, officeHours = DEFAULT_OFFICE_HOURS } = options;
  const hours = officeDay(localDay(date, timeZone), checkedOfficeHours(officeHours), timeZone);
  const instant = date.getTime();
  return hours !== undefined && instant >= hours.opensAt && instant < hours.closesAt;
}

/**
 * The moment at which `hours` office hours have passed after `start`, counting only the time the
 * office is open: inside `officeHours` on working days in `timeZone`, so weekends and the days of
 * {@link swedishPublicHolidays} do not count.
 *
 * Claim windows for municipal staff are measured in office hours, not clock hours: a case
 * registered on Friday evening has not been waiting for anyone on Saturday, and must not show up
 * as late before staff have had their hours on Monday to pick it up.
 *
 * A start inside office hours counts from itself; a start outside them counts from the next
 * opening, so 0 hours is `start` itself or that next opening. Time is counted as elapsed time, so
 * the hour lost or gained at a daylight-saving shift is handled by the time zone, not assumed.
 * `hours` may be fractional; the answer is rounded to the millisecond.
 */
export function addWorkingHours(start: Date, hours: number, options: OfficeHoursOptions = {}): Date {
  const { timeZone = DEFAULT_TIME_ZONE, officeHours = DEFAULT_OFFICE_HOURS } = options;
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  checkedOfficeHours(officeHours);
  let remaining = Math.round(hours * HOUR_MS);
  const startMs = start.getTime();
  for (let day = localDay(start, timeZone); ; day += DAY_MS) {
    const open = officeDay(day, officeHours, timeZone);
    if (!open) continue;
    const from = Math.max(startMs, open.opensAt);
    if (from >= open.closesAt) continue;
    const available = open.closesAt - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
}
