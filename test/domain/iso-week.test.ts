import { isoWeekLabel } from '../../src/domain/iso-week';

describe('ISO week labels', () => {
  it.each([
    ['2026-11-30', 'v. 49'],
    ['2026-12-06', 'v. 49'],
    ['2026-12-07', 'v. 50'],
    ['2026-01-01', 'v. 1'],
    ['2026-12-31', 'v. 53'],
    ['2027-01-03', 'v. 53'],
    ['2027-01-04', 'v. 1'],
    ['2021-01-03', 'v. 53'],
    ['2024-12-30', 'v. 1'],
  ])('%s is in %s, as a Swedish calendar says', (day, label) => {
    expect(isoWeekLabel(new Date(`${day}T00:00:00Z`))).toBe(label);
  });
});
