import { CatalogSchema, type Catalog } from '../../../src/domain/catalog/schema';
import { deadlinesFor, officeTime } from '../../../src/domain/handoff/deadlines';
import { loadCatalogFile } from '../../../src/storage/catalog-file';

const ekero = loadCatalogFile();
const withOffice = (office: Record<string, unknown>): Catalog => CatalogSchema.parse({ ...ekero, office });

describe('the deadline policy', () => {
  // Tuesday 1 December 2026, 10:00 in Stockholm.
  const at = new Date('2026-12-01T09:00:00Z');

  it("when a handoff is registered, then it must be claimed within the instance's office hours and the person contacted within its working days, by closing time", () => {
    const instance = ekero.instances.find((candidate) => candidate.id === 'anhorigkonsulent')!;
    expect(instance).toMatchObject({ claimWithinHours: 4, slaWorkingDays: 2 });
    expect(deadlinesFor(ekero, 'anhorigkonsulent', at)).toEqual({ claimDueAt: new Date('2026-12-01T13:00:00Z'), slaDueAt: new Date('2026-12-03T15:00:00Z') });
  });

  it("when the catalog's office calendar changes, then every deadline and date follows it, with no code change", () => {
    const helsinki = withOffice({ timeZone: 'Europe/Helsinki', opens: 9, closes: 15 });
    // 11:00 in Helsinki: 4 office hours are the 4 left before 15:00, then nothing is left that day.
    expect(deadlinesFor(helsinki, 'anhorigkonsulent', at)).toEqual({
      claimDueAt: new Date('2026-12-01T13:00:00Z'),
      slaDueAt: new Date('2026-12-03T13:00:00Z'),
    });
    expect(officeTime(helsinki, 'sv-SE', { timeStyle: 'short' }).format(at)).toBe('11:00');
    expect(officeTime(ekero, 'sv-SE', { timeStyle: 'short' }).format(at)).toBe('10:00');
  });

  it('when the office calendar is wrong, then the catalog is refused, naming the field', () => {
    expect(() => withOffice({ timeZone: 'Mars/Olympus' })).toThrow(/IANA time zone/);
    expect(() => withOffice({ opens: 16, closes: 8 })).toThrow(/opens must be before closes/);
    expect(() => deadlinesFor(ekero, 'no-such-instance', at)).toThrow(/Unknown instance/);
  });
});
