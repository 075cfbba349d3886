import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogSchema, type Catalog } from '../../src/domain/catalog/schema';
import { accessibilityStatement } from '../../src/server/notices/accessibility-statement';
import { PageTexts, type DocumentPageTexts } from '../../src/server/notices/page-texts';
import { privacyNotice, type NoticeSettings, type RetentionSettings } from '../../src/server/notices/privacy-notice';
import { loadCatalogFile } from '../../src/storage/catalog-file';

const pageTexts = (language: string) =>
  PageTexts.parse(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'public', `page.${language}.json`), 'utf8'))) as DocumentPageTexts;
const swedish = pageTexts('sv');
const english = pageTexts('en');
const ekero = loadCatalogFile();
const other = loadCatalogFile(path.join(__dirname, '..', 'fixtures', 'other-municipality.yaml'));
const retention: RetentionSettings = { chatHours: 24, conversationDays: 30, handoffDays: 90, auditDays: 365, sweepHours: 6 };
const settings = (catalog: Catalog, changes: Partial<NoticeSettings> = {}): NoticeSettings => ({ catalog, retention, messagingApps: [], ...changes });

/** The page's text as a reader gets it: tags gone, entities read, spaces collapsed. */
const readable = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
/** The text of the section under a heading, up to the next heading of the same level. */
const section = (page: string, heading: string) => {
  const start = page.indexOf(`<h2>${heading}</h2>`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = page.indexOf('<h2>', start + 4);
  return page.slice(start, end < 0 ? undefined : end);
};

describe('the privacy notice', () => {
  const notice = privacyNotice(settings(ekero), swedish);

  it('names the controller with its address, the data protection officer, and a version date', () => {
    const facts = ekero.privacy.notice;
    expect(readable(notice)).toContain(`${facts.controller.name.sv} är personuppgiftsansvarig för Lotsen. Postadress: ${facts.controller.address}.`);
    expect(notice).toContain(`<a href="mailto:${facts.dataProtectionOfficer.email}">${facts.dataProtectionOfficer.email}</a>`);
    expect(readable(notice)).toContain('Senast ändrad 1 december 2026.');
  });

  it('gives the legal basis of every purpose, article 9 for health data, and each period as configured (no "inom ett dygn" while drafts are kept for weeks)', () => {
    for (const purpose of ekero.privacy.notice.purposes)
      expect(readable(notice)).toContain(`${purpose.purpose.sv} Uppgifter ${purpose.data.sv} Rättslig grund ${purpose.legalBasis.sv}`);
    expect(readable(section(notice, 'Om du skriver om hälsa'))).toContain('artikel 9.2 a');
    expect(readable(notice)).toContain('Raderas automatiskt 24 timmar efter att det skrevs.');
    expect(readable(notice)).toContain('Raderas automatiskt 30 dagar efter ditt senaste meddelande.');
    expect(readable(notice)).toContain('Tills ärendet är avslutat och sedan 90 dagar.');
    expect(notice).not.toContain('inom ett dygn');

    const configured = privacyNotice(settings(ekero, { retention: { ...retention, chatHours: 48, conversationDays: 7, handoffDays: 60 } }), swedish);
    expect(readable(configured)).toContain('Raderas automatiskt 48 timmar efter att det skrevs.');
    expect(readable(configured)).toContain('Raderas automatiskt 7 dagar efter ditt senaste meddelande.');
    expect(readable(configured)).toContain('Tills ärendet är avslutat och sedan 60 dagar.');
  });

  it('tells volunteers what the register keeps, on what basis, and for the retention the register uses', () => {
    expect(readable(notice)).toContain('Fråga dig om hjälp när du har anmält dig som volontär');
    expect(readable(notice)).toContain(`${ekero.volunteers!.retentionMonths} månader efter att du senast var aktiv`);
    const shorter = privacyNotice(settings({ ...ekero, volunteers: { ...ekero.volunteers!, retentionMonths: 12 } }), swedish);
    expect(readable(shorter)).toContain('12 månader efter att du senast var aktiv');
  });

  it('lists as recipients exactly the instances the chat hands cases to, the partners of anhöriglänken, and Microsoft as processor with the transfer', () => {
    const recipients = section(notice, 'Vem ser dina uppgifter?');
    const listed = [...recipients.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]!.toLocaleLowerCase('sv'));
    const handedTo = [...new Set(ekero.routes.map((route) => route.instance))].map((id) => ekero.instances.find((instance) => instance.id === id)!.name.sv);
    expect(listed.sort()).toEqual(handedTo.map((name) => name.toLocaleLowerCase('sv')).sort());
    expect(readable(recipients)).toContain('Röda Korset');
    const processors = readable(section(notice, 'Vilka hjälper kommunen med uppgifterna?'));
    expect(processors).toContain('Microsoft');
    expect(processors).toContain('personuppgiftsbiträde');
    expect(processors).toContain('USA');
  });

  it('names the messaging apps that are on, and none when none is', () => {
    expect(notice).not.toContain('WhatsApp');
    const withApps = privacyNotice(settings(ekero, { messagingApps: ['Telegram', 'WhatsApp'] }), swedish);
    expect(readable(withApps)).toContain('Om du skriver till Lotsen i Telegram eller WhatsApp hanterar också det företaget dina meddelanden');
  });

  it('tells the rights, the erasure command the chat understands, the contact centre with tappable links, and the right to complain to IMY', () => {
    const rights = section(notice, 'Dina rättigheter');
    expect(rights).toContain(`<strong>${ekero.commands.deleteData.sv[0]}</strong>`);
    expect(rights).toContain('<a href="tel:+46812457100">08-124 571 00</a>');
    expect(rights).toContain('<a href="mailto:kontaktcenter@ekero.se">');
    expect(readable(rights)).toContain('registerutdrag');
    expect(readable(rights)).toContain('Ta tillbaka ditt samtycke');
    expect(section(notice, 'Om du vill klaga')).toContain('<a href="https://www.imy.se">');
  });

  it('says it is a draft until the municipality has confirmed the facts', () => {
    expect(readable(notice)).toContain('Utkast: kommunens dataskyddsombud har ännu inte bekräftat');
    expect(readable(privacyNotice(settings(other), swedish))).not.toContain('Utkast');
  });

  it("is another municipality's notice with that municipality's facts, and marks a fact that falls back to Swedish with its language", () => {
    const theirs = privacyNotice(settings(other), english);
    expect(theirs).toContain('<html lang="en">');
    expect(theirs).toContain('<span lang="sv">Kommunstyrelsen i Exempelby kommun</span> is the controller');
    expect(readable(theirs)).toContain('Organisation number: 212000-0000.');
    expect(theirs).toContain('mailto:dataskydd@exempelby.se');
    expect(theirs).toContain('<a href="tel:+46123456700">0123-45 67 00</a>');
    expect(theirs).not.toMatch(/Socialnämnden|ekero\.se|Microsoft/);
  });

  it('escapes what the catalog says, so a fact cannot become markup', () => {
    const hostile = CatalogSchema.parse({
      ...ekero,
      privacy: { ...ekero.privacy, notice: { ...ekero.privacy.notice, controller: { name: { sv: '<script>alert(1)</script>' }, address: 'A & B' } } },
    });
    const page = privacyNotice(settings(hostile), swedish);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('A &amp; B');
  });
});

describe('the accessibility statement', () => {
  const statement = accessibilityStatement(ekero, swedish);

  it('says how compliant Lotsen is and lists every known limitation with its criterion, instead of claiming no shortcomings', () => {
    expect(readable(statement)).toContain('Lotsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service');
    expect(statement).not.toContain('inte till några brister');
    for (const limitation of ekero.accessibility.limitations) {
      expect(readable(statement)).toContain(limitation.text.sv);
      if (limitation.criterion) expect(readable(statement)).toContain(`Brister mot WCAG ${limitation.criterion}: ${limitation.text.sv}`);
    }
  });

  it("says what was tested, how and when, links to Digg's complaint form, and gives a response time", () => {
    const tested = readable(section(statement, 'Hur vi testat tjänsten'));
    expect(tested).toContain('Den senaste bedömningen gjordes 1 december 2026');
    for (const way of ekero.accessibility.tested.how) expect(tested).toContain(way.sv);
    expect(section(statement, 'Tillsyn')).toContain(`<a href="${ekero.accessibility.supervisorComplaintUrl}">anmäla bristande tillgänglighet till Digg</a>`);
    expect(readable(section(statement, 'Rapportera brister'))).toContain(`Vi svarar inom ${ekero.accessibility.answerWithinWorkingDays} arbetsdagar.`);
  });

  it('may claim full compliance only without known limitations', () => {
    expect(readable(accessibilityStatement(other, english))).toContain('We know of no shortcomings.');
    const claim = { ...ekero, accessibility: { ...ekero.accessibility, compliance: 'full' } };
    expect(CatalogSchema.safeParse(claim).error?.issues[0]).toMatchObject({ path: ['accessibility', 'compliance'] });
  });
});

describe('the catalog facts the documents need', () => {
  it('stop the start when the contact centre has no phone or e-mail address', () => {
    const instances = ekero.instances.map((instance) =>
      instance.id === ekero.contactCentre ? { ...instance, contact: { phone: '08-124 571 00' } } : instance,
    );
    const issue = CatalogSchema.safeParse({ ...ekero, instances }).error?.issues[0];
    expect(issue?.message).toMatch(/contact centre needs a phone and an e-mail address/);
  });

  it('stop the start when a purpose is kept for a period Lotsen does not configure', () => {
    const purposes = [{ ...ekero.privacy.notice.purposes[0]!, kept: 'forever' }];
    const result = CatalogSchema.safeParse({ ...ekero, privacy: { ...ekero.privacy, notice: { ...ekero.privacy.notice, purposes } } });
    expect(result.error?.issues[0]?.path).toEqual(['privacy', 'notice', 'purposes', 0, 'kept']);
  });
});
