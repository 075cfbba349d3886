import {
  addWorkingDays,
  addWorkingHours,
  DEFAULT_OFFICE_HOURS,
  isWithinOfficeHours,
  isWorkingDay,
  swedishPublicHolidays,
} from '../../../src/domain/handoff/working-days';

const iso = (date: Date): string => date.toISOString();

describe('swedishPublicHolidays', () => {
  it.each([
    // year, långfredagen, påskdagen, annandag påsk
    [2019, '2019-04-19', '2019-04-21', '2019-04-22'],
    [2024, '2024-03-29', '2024-03-31', '2024-04-01'],
    [2025, '2025-04-18', '2025-04-20', '2025-04-21'],
    [2026, '2026-04-03', '2026-04-05', '2026-04-06'],
    [2027, '2027-03-26', '2027-03-28', '2027-03-29'],
    [2038, '2038-04-23', '2038-04-25', '2038-04-26'],
    [2285, '2285-03-20', '2285-03-22', '2285-03-23'],
  ])('when the year is %i, then Easter falls on the known dates', (year, goodFriday, easterSunday, easterMonday) => {
    const holidays = swedishPublicHolidays(year);
    expect(holidays).toContain(goodFriday);
    expect(holidays).toContain(easterSunday);
    expect(holidays).toContain(easterMonday);
    expect(holidays).not.toContain(`${year}-01-02`);
  });

  it('when the year is 2026, then exactly the Swedish holidays and de facto non-working eves are listed', () => {
    expect([...swedishPublicHolidays(2026)].sort()).toEqual([
      '2026-01-01', // nyårsdagen
      '2026-01-06', // trettondedag jul
      '2026-04-03', // långfredagen
      '2026-04-05', // påskdagen
      '2026-04-06', // annandag påsk
      '2026-05-01', // första maj
      '2026-05-14', // Kristi himmelsfärdsdag
      '2026-05-24', // pingstdagen
      '2026-06-06', // nationaldagen
      '2026-06-19', // midsommarafton
      '2026-06-20', // midsommardagen
      '2026-10-31', // alla helgons dag
      '2026-12-24', // julafton
      '2026-12-25', // juldagen
      '2026-12-26', // annandag jul
      '2026-12-31', // nyårsafton
    ]);
  });

  it('when midsommar falls at the end of its week (2021, 2027), then midsommarafton is 25 June and midsommardagen 26 June', () => {
    for (const year of [2021, 2027]) {
      const holidays = swedishPublicHolidays(year);
      expect(holidays).toContain(`${year}-06-25`);
      expect(holidays).toContain(`${year}-06-26`);
      expect(holidays).not.toContain(`${year}-06-19`);
      expect(holidays).not.toContain(`${year}-06-20`);
    }
  });

  it('when 31 October is not a Saturday (2025), then alla helgons dag is the Saturday 1 November', () => {
    const holidays = swedishPublicHolidays(2025);
    expect(holidays).toContain('2025-11-01');
    expect(holidays).not.toContain('2025-10-31');
  });

  it('when the caller changes the returned set, then later answers are unaffected', () => {
    swedishPublicHolidays(2026).clear();
    expect(swedishPublicHolidays(2026)).toContain('2026-12-24');
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['a Wednesday', true, '2026-03-11T10:00:00Z'],
    ['a Saturday', false, '2026-03-14T10:00:00Z'],
    ['a Sunday', false, '2026-03-15T10:00:00Z'],
    ['Kristi himmelsfärdsdag', false, '2026-05-14T10:00:00Z'],
    ['midsommarafton', false, '2026-06-19T10:00:00Z'],
    ['julafton', false, '2026-12-24T10:00:00Z'],
  ])('when the day is %s, then it is a working day: %s', (_label, expected, instant) => {
    expect(isWorkingDay(new Date(instant))).toBe(expected);
  });

  it('when it is still 5 January in UTC but already trettondedag jul in Stockholm, then it is not a working day there', () => {
    const lateEvening = new Date('2026-01-05T23:30:00Z');
    expect(isWorkingDay(lateEvening)).toBe(false);
    expect(isWorkingDay(lateEvening, 'UTC')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('when a handoff comes on Friday afternoon and is due in 1 working day, then it is due Monday 16:00 Stockholm time', () => {
    expect(iso(addWorkingDays(new Date('2026-03-13T14:30:00Z'), 1))).toBe('2026-03-16T15:00:00.000Z');
  });

  it('when a handoff comes on Monday morning, then the start day does not count and 1 working day is Tuesday', () => {
    expect(iso(addWorkingDays(new Date('2026-03-09T07:00:00Z'), 1))).toBe('2026-03-10T15:00:00.000Z');
  });

  it('when a handoff comes the day before Kristi himmelsfärd, then the holiday is skipped', () => {
    expect(iso(addWorkingDays(new Date('2026-05-13T08:00:00Z'), 1))).toBe('2026-05-15T14:00:00.000Z');
  });

  it('when a handoff comes just before Christmas, then 24–26 December and the weekend are skipped', () => {
    expect(iso(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 1))).toBe('2026-12-28T15:00:00.000Z');
  });

  it('when the deadline runs over New Year, then 31 December and 1 January are skipped as well', () => {
    // 23 Dec + 3 working days = 28, 29, 30 Dec; the 4th is Monday 4 January after nyårsafton, nyårsdagen and the weekend.
    expect(iso(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 3))).toBe('2026-12-30T15:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 4))).toBe('2027-01-04T15:00:00.000Z');
  });

  it('when the deadline is in summer time (CEST, UTC+2), then 16:00 Stockholm is 14:00 UTC', () => {
    expect(iso(addWorkingDays(new Date('2026-06-10T08:00:00Z'), 1))).toBe('2026-06-11T14:00:00.000Z');
  });

  it('when the deadline is in winter time (CET, UTC+1), then 16:00 Stockholm is 15:00 UTC', () => {
    expect(iso(addWorkingDays(new Date('2026-01-14T08:00:00Z'), 1))).toBe('2026-01-15T15:00:00.000Z');
  });

  it('when summer time begins between start and deadline, then the offset of the deadline day is used', () => {
    // Friday 27 March is CET; clocks go forward on Sunday 29 March; Monday 30 March is CEST.
    expect(iso(addWorkingDays(new Date('2026-03-27T13:00:00Z'), 1))).toBe('2026-03-30T14:00:00.000Z');
  });

  it('when winter time begins between start and deadline, then the offset of the deadline day is used', () => {
    // Friday 23 October is CEST; clocks go back on Sunday 25 October; Monday 26 October is CET.
    expect(iso(addWorkingDays(new Date('2026-10-23T12:00:00Z'), 1))).toBe('2026-10-26T15:00:00.000Z');
  });

  it('when the start is late evening UTC but already the next day in Stockholm, then counting starts from the Stockholm date', () => {
    // 23:30 UTC on Tuesday 10 March is 00:30 on Wednesday 11 March in Stockholm.
    const start = new Date('2026-03-10T23:30:00Z');
    expect(iso(addWorkingDays(start, 1))).toBe('2026-03-12T15:00:00.000Z');
    expect(iso(addWorkingDays(start, 1, { timeZone: 'UTC' }))).toBe('2026-03-11T16:00:00.000Z');
  });

  it('when another end of the office day is given, then the deadline is at that hour local time', () => {
    expect(iso(addWorkingDays(new Date('2026-01-14T08:00:00Z'), 1, { endOfDayHour: 12 }))).toBe('2026-01-15T11:00:00.000Z');
  });

  it('when 0 days are given on a working day, then the deadline is the end of that same day', () => {
    expect(iso(addWorkingDays(new Date('2026-03-11T08:00:00Z'), 0))).toBe('2026-03-11T15:00:00.000Z');
  });

  it('when 0 days are given on a weekend, then the deadline is the end of the next working day', () => {
    expect(iso(addWorkingDays(new Date('2026-03-14T10:00:00Z'), 0))).toBe('2026-03-16T15:00:00.000Z');
  });

  it('when 0 days are given on julafton, then the deadline is the end of the next working day after Christmas', () => {
    expect(iso(addWorkingDays(new Date('2026-12-24T10:00:00Z'), 0))).toBe('2026-12-28T15:00:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('when days is %p, then a RangeError is thrown', (days) => {
    expect(() => addWorkingDays(new Date('2026-03-11T08:00:00Z'), days)).toThrow(RangeError);
  });

  it.each([-1, 24, 9.5])('when endOfDayHour is %p, then a RangeError is thrown', (endOfDayHour) => {
    expect(() => addWorkingDays(new Date('2026-03-11T08:00:00Z'), 1, { endOfDayHour })).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  // March 2026 before the 29th is winter time (CET, UTC+1): 10:00 Stockholm is 09:00 UTC.
  it('when 4 hours are added on Monday 10:00, then the answer is Monday 14:00', () => {
    expect(iso(addWorkingHours(new Date('2026-03-09T09:00:00Z'), 4))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('when 4 hours are added on Monday 14:00, then 2 hours fall on Monday and the answer is Tuesday 10:00', () => {
    expect(iso(addWorkingHours(new Date('2026-03-09T13:00:00Z'), 4))).toBe('2026-03-10T09:00:00.000Z');
  });

  it('when 4 hours are added on Friday 15:00, then the weekend does not count and the answer is Monday 11:00', () => {
    expect(iso(addWorkingHours(new Date('2026-03-13T14:00:00Z'), 4))).toBe('2026-03-16T10:00:00.000Z');
  });

  it('when 4 hours are added on Saturday noon, then counting starts at the Monday opening and the answer is Monday 12:00', () => {
    expect(iso(addWorkingHours(new Date('2026-03-14T11:00:00Z'), 4))).toBe('2026-03-16T11:00:00.000Z');
  });

  it('when a start on Friday evening is followed by Saturday, then no office time has passed by Saturday', () => {
    const fridayEvening = new Date('2026-03-13T18:00:00Z');
    expect(iso(addWorkingHours(fridayEvening, 0.5))).toBe('2026-03-16T07:30:00.000Z');
  });

  it('when the hours run over midsommarafton 2026, then Friday 19 June and the weekend are skipped', () => {
    // Thursday 18 June 15:00 CEST; 1 hour on Thursday, the second from the Monday 22 June opening.
    expect(iso(addWorkingHours(new Date('2026-06-18T13:00:00Z'), 2))).toBe('2026-06-22T07:00:00.000Z');
  });

  it('when the hours run over Easter 2026, then långfredagen, the weekend and annandag påsk are skipped', () => {
    // Thursday 2 April 15:00 CEST; 1 hour on Thursday, the second from the Tuesday 7 April opening.
    expect(iso(addWorkingHours(new Date('2026-04-02T13:00:00Z'), 2))).toBe('2026-04-07T07:00:00.000Z');
  });

  it('when fractional hours are added, then the fraction is counted across the closing as well', () => {
    expect(iso(addWorkingHours(new Date('2026-03-09T09:00:00Z'), 1.5))).toBe('2026-03-09T10:30:00.000Z');
    // Monday 15:00 + 1.5 h: 1 hour on Monday, 30 minutes on Tuesday.
    expect(iso(addWorkingHours(new Date('2026-03-09T14:00:00Z'), 1.5))).toBe('2026-03-10T07:30:00.000Z');
  });

  it('when the hours are in winter time (CET, UTC+1), then Monday 14:00 + 4 h is Tuesday 10:00 Stockholm, 09:00 UTC', () => {
    expect(iso(addWorkingHours(new Date('2026-01-12T13:00:00Z'), 4))).toBe('2026-01-13T09:00:00.000Z');
  });

  it('when the hours are in summer time (CEST, UTC+2), then Monday 14:00 + 4 h is Tuesday 10:00 Stockholm, 08:00 UTC', () => {
    expect(iso(addWorkingHours(new Date('2026-07-13T12:00:00Z'), 4))).toBe('2026-07-14T08:00:00.000Z');
  });

  it('when summer time begins over the weekend, then the Monday opening is read in summer time', () => {
    // Friday 27 March 15:00 CET; clocks go forward on Sunday 29 March; Monday 30 March 09:00 CEST.
    expect(iso(addWorkingHours(new Date('2026-03-27T14:00:00Z'), 2))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('when winter time begins over the weekend, then the Monday opening is read in winter time', () => {
    // Friday 23 October 15:00 CEST; clocks go back on Sunday 25 October; Monday 26 October 09:00 CET.
    expect(iso(addWorkingHours(new Date('2026-10-23T13:00:00Z'), 2))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('when the hours end exactly at closing, then the answer is the closing, not the next opening', () => {
    expect(iso(addWorkingHours(new Date('2026-03-09T11:00:00Z'), 4))).toBe('2026-03-09T15:00:00.000Z');
  });

  it('when 0 hours are added inside office hours, then the answer is the start itself', () => {
    const start = new Date('2026-03-11T10:17:42.123Z');
    expect(iso(addWorkingHours(start, 0))).toBe(iso(start));
  });

  it.each([
    ['before opening on a working day', '2026-03-11T06:00:00Z', '2026-03-11T07:00:00.000Z'],
    ['at closing on a Friday', '2026-03-13T15:00:00Z', '2026-03-16T07:00:00.000Z'],
    ['on julafton', '2026-12-24T10:00:00Z', '2026-12-28T07:00:00.000Z'],
  ])('when 0 hours are added %s, then the answer is the next opening', (_label, start, expected) => {
    expect(iso(addWorkingHours(new Date(start), 0))).toBe(expected);
  });

  it('when other office hours and time zone are given, then they are used', () => {
    const options = { timeZone: 'UTC', officeHours: { opens: 9, closes: 12 } };
    // Wednesday 11 March 11:00 UTC + 2 h: 1 hour until 12:00, the second from Thursday 09:00.
    expect(iso(addWorkingHours(new Date('2026-03-11T11:00:00Z'), 2, options))).toBe('2026-03-12T10:00:00.000Z');
  });

  it('when the office is open around the clock, then the days run on at midnight', () => {
    const options = { timeZone: 'UTC', officeHours: { opens: 0, closes: 24 } };
    // Friday 13 March 22:00 UTC + 4 h: 2 hours on Friday, the weekend skipped, 2 hours on Monday.
    expect(iso(addWorkingHours(new Date('2026-03-13T22:00:00Z'), 4, options))).toBe('2026-03-16T02:00:00.000Z');
  });

  it('when many hours are added, then whole office days are used up', () => {
    // Monday 9 March 08:00 + 40 h = the five days of that week; the answer is Friday 16:00.
    expect(iso(addWorkingHours(new Date('2026-03-09T07:00:00Z'), 40))).toBe('2026-03-13T15:00:00.000Z');
  });

  it.each([-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('when hours is %p, then a RangeError is thrown', (hours) => {
    expect(() => addWorkingHours(new Date('2026-03-11T08:00:00Z'), hours)).toThrow(RangeError);
  });

  it.each([
    { opens: 16, closes: 8 },
    { opens: 8, closes: 8 },
    { opens: -1, closes: 16 },
    { opens: 8, closes: 25 },
    { opens: 8.5, closes: 16 },
    { opens: 8, closes: Number.NaN },
  ])('when the office hours are %p, then a RangeError is thrown', (officeHours) => {
    expect(() => addWorkingHours(new Date('2026-03-11T08:00:00Z'), 1, { officeHours })).toThrow(RangeError);
  });
});

describe('isWithinOfficeHours', () => {
  it('when no office hours are given, then they are 08:00–16:00', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({ opens: 8, closes: 16 });
  });

  it.each([
    ['07:59', false, '2026-03-11T06:59:00Z'],
    ['08:00', true, '2026-03-11T07:00:00Z'],
    ['15:59', true, '2026-03-11T14:59:00Z'],
    ['16:00', false, '2026-03-11T15:00:00Z'],
  ])('when it is %s Stockholm time on a Wednesday, then it is within office hours: %s', (_label, expected, instant) => {
    expect(isWithinOfficeHours(new Date(instant))).toBe(expected);
  });

  it('when it is summer time, then 08:00 Stockholm is 06:00 UTC', () => {
    expect(isWithinOfficeHours(new Date('2026-06-10T05:59:00Z'))).toBe(false);
    expect(isWithinOfficeHours(new Date('2026-06-10T06:00:00Z'))).toBe(true);
  });

  it('when it is 10:00 on a holiday or a weekend, then it is not within office hours', () => {
    expect(isWithinOfficeHours(new Date('2026-05-14T08:00:00Z'))).toBe(false); // Kristi himmelsfärdsdag
    expect(isWithinOfficeHours(new Date('2026-06-19T08:00:00Z'))).toBe(false); // midsommarafton
    expect(isWithinOfficeHours(new Date('2026-03-14T09:00:00Z'))).toBe(false); // Saturday
  });

  it('when other office hours and time zone are given, then they are used', () => {
    const options = { timeZone: 'UTC', officeHours: { opens: 9, closes: 12 } };
    expect(isWithinOfficeHours(new Date('2026-03-11T08:30:00Z'), options)).toBe(false);
    expect(isWithinOfficeHours(new Date('2026-03-11T11:30:00Z'), options)).toBe(true);
    expect(isWithinOfficeHours(new Date('2026-03-11T12:00:00Z'), options)).toBe(false);
  });

  it('when the office hours are invalid, then a RangeError is thrown', () => {
    expect(() => isWithinOfficeHours(new Date('2026-03-11T08:00:00Z'), { officeHours: { opens: 16, closes: 8 } })).toThrow(RangeError);
  });
});
