import { describeForStaff } from '../../src/domain/handoff/staff-view';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { handoffView } from '../support/handoff-views';

const catalog = loadCatalogFile();
const at = new Date('2026-12-01T09:05:00Z');

describe('a handoff in the words staff read', () => {
  it('tells where each notification really went, and who did what, without raw codes', () => {
    const described = describeForStaff(
      handoffView({
        language: 'so',
        events: [
          { type: 'registered', at, actor: 'webchat:person', details: { instanceId: 'anhorigkonsulent' } },
          { type: 'delivered', at, actor: 'system', details: { kind: 'handoff.registered', target: 'anhorigkonsulent', via: 'log' } },
          {
            type: 'delivered',
            at,
            actor: 'system',
            details: { kind: 'handoff.escalated', target: 'kontaktcenter', via: 'teams', activityId: 'a1', reference: {} },
          },
          {
            type: 'delivered',
            at,
            actor: 'system',
            details: { kind: 'handoff.undeliverable', target: 'anhorigkonsulent', via: 'mail', to: 'anhorig@ekero.se' },
          },
          { type: 'reroute', at, actor: 'Anna Staff', details: { instanceId: 'kontaktcenter', reason: 'Fel instans' } },
          { type: 'close', at, actor: 'Bo Staff', details: { outcome: 'no-contact' } },
        ],
      }),
      catalog,
    );
    expect(described.history.map((line) => line.text)).toEqual([
      'Registrerat av personen i webbchatten på kommunens webbplats, till anhörigkonsulenten',
      'Avisering för anhörigkonsulenten skrevs bara i Lotsens logg: Teams är inte påslaget',
      'Påminnelse: kortet visades i Teams-kanalen för kommunens kontaktcenter',
      'Reservavisering: e-post till anhorig@ekero.se',
      'Skickat vidare till kommunens kontaktcenter av Anna Staff: Fel instans',
      'Avslutat av Bo Staff: Fick inte kontakt',
    ]);
    const everything = JSON.stringify(described);
    expect(everything).not.toMatch(/webchat:person|"so"|no-contact|"text":"\+46/);
    expect(described.facts).toContainEqual({ label: 'Språk', text: 'somaliska: svara gärna på somaliska eller boka tolk' });
    expect(describeForStaff(handoffView({ language: 'ti', interpreter: false }), catalog).facts).toContainEqual({
      label: 'Språk',
      text: 'tigrinja: personen behöver ingen tolk',
    });
    expect(describeForStaff(handoffView({ language: 'sv-lattlast' }), catalog).facts).toContainEqual({ label: 'Språk', text: 'svenska (Lätt svenska)' });
    expect(describeForStaff(handoffView({ language: 'en' }), catalog).facts).toContainEqual({ label: 'Språk', text: 'engelska' });
    expect(described.facts).toContainEqual({ label: 'Telefon', text: '070-123 45 67', href: 'tel:+46701234567' });
  });

  it('offers the actions that fit the status, and none once the details are erased', () => {
    expect(describeForStaff(handoffView({ status: 'notified' }), catalog).actions).toEqual(['claim', 'close', 'reroute']);
    expect(describeForStaff(handoffView({ status: 'claimed' }), catalog).actions).toEqual(['contacted', 'close', 'reroute']);
    expect(describeForStaff(handoffView({ status: 'closed' }), catalog).actions).toEqual(['reopen']);
    expect(describeForStaff(handoffView({ status: 'closed', erasedAt: at }), catalog)).toMatchObject({
      actions: [],
      erased: expect.stringMatching(/raderade/),
    });
  });
});
