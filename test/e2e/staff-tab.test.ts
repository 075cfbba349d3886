/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { PrismaVolunteerRegister } from '../../src/storage/volunteer-register';
import { launchChromium, requireChromium } from '../support/browser';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { handoffDraft } from '../support/handoff-drafts';
import { startApp, type RunningApp } from '../support/test-app';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TOKEN = 'a-development-token-for-the-tab';
const run = requireChromium() ? describe : describe.skip;
const catalog = loadCatalogFile();

run('the staff tab in Chromium', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let claimed: { id: string; reference: string };
  let waiting: { id: string; reference: string };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { STAFF_DEV_TOKEN: TOKEN, BACKGROUND_JOBS: 'off' });
    const handoffs = new PrismaHandoffRepository(running.app.database.prisma);
    waiting = await handoffs.register(
      handoffDraft({ contact: { name: 'Bertil <b>Berg</b>', email: 'bertil@example.se' }, summary: '<img src=x onerror=alert(1)>' }),
    );
    claimed = await handoffs.register(handoffDraft({ routeId: 'idelabbet', instanceId: 'idelabbet' }));
    await handoffs.apply(claimed.id, { action: { type: 'claim', by: 'Sara Staff', byId: 'staff:development' }, at: new Date() });
    ({ browser, close: closeBrowser } = await launchChromium());
  });
  afterAll(async () => {
    await closeBrowser();
    await running.stop();
    await testDatabase.dispose();
  });

  /** A page in its own context; Microsoft's CDN (teams-js asks it for Teams' hosts) answers locally, as there is no internet here. */
  const openPage = async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport });
    await context.route('https://res.cdn.office.net/**', (route) => route.fulfill({ status: 200, json: { validOrigins: ['teams.microsoft.com'] } }));
    return context.newPage();
  };
  const violations = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  const signIn = async (page: Page) => {
    await page.goto(`${running.baseUrl}/staff/tab`);
    await page.getByLabel('Utvecklartoken (STAFF_DEV_TOKEN)').fill(TOKEN);
    await page.getByRole('button', { name: 'Visa ärenden' }).click();
    await page.getByRole('heading', { name: 'Ärenden', exact: true }).waitFor();
    await rows(page).first().waitFor(); // the heading shows before the list has loaded
  };
  const rows = (page: Page) => page.locator('#handoffs tbody tr');

  it('when the tab is opened outside Teams, then it explains where it belongs instead of breaking', async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.baseUrl}/staff/tab`);
    await page.getByRole('heading', { name: 'Lotsens ärenden finns i Microsoft Teams' }).waitFor();
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('when staff sign in with the development token, then the queue lists the open handoffs safely, and a handoff shows its history', async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => errors.push(`dialog: ${dialog.message()}`));
    await signIn(page);
    await expect(rows(page).count()).resolves.toBe(2);
    await page.getByRole('button', { name: waiting.reference }).click();
    const details = page.locator('#details');
    await details.getByText('Bertil <b>Berg</b>').waitFor();
    await details.getByText('<img src=x onerror=alert(1)>').waitFor();
    await expect(details.locator('#details-events li').first().textContent()).resolves.toContain('Registrerat av personen i webbchatten');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-tab-queue.png'), fullPage: true });

    // Filters: one instance; then "my handoffs" shows only what the signed-in person claimed.
    await page.getByLabel('Instans').selectOption('idelabbet');
    await page.getByText('1 ärenden visas.').waitFor();
    await expect(rows(page).first().textContent()).resolves.toContain(claimed.reference);
    await page.getByLabel('Instans').selectOption('');
    await page.getByRole('button', { name: 'Mina ärenden' }).click();
    await page.getByRole('heading', { name: 'Mina ärenden' }).waitFor();
    await page.getByText('1 ärenden visas.').waitFor();
    await expect(rows(page).first().textContent()).resolves.toContain('Sara Staff');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when staff open the statistics, then the key figures and both charts are drawn, with the data as a table too', async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (entry) => entry.type() === 'error' && errors.push(entry.text()));
    await signIn(page);
    await page.getByRole('button', { name: 'Statistik' }).click();
    await page.getByText('Statistiken är uppdaterad.').waitFor();
    await expect(page.locator('#key-figures dd').first().textContent()).resolves.toBe('2');
    // A drawn chart has coloured pixels; an empty canvas is all transparent.
    const painted = await page.evaluate(() =>
      ['weekly-chart', 'times-chart'].map((id) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) coloured += 1;
        return coloured;
      }),
    );
    expect(painted.every((count) => count > 500)).toBe(true);
    await page.locator('#statistics-view details summary').click();
    await expect(page.locator('#weekly-table tbody td').nth(1).textContent()).resolves.toMatch(/^[12]$/);
    // Weeks as a Swedish calendar names them, not as dates; shares in time per instance.
    await expect(page.locator('#weekly-table tbody td').first().textContent()).resolves.toMatch(/^v\. \d{1,2}$/);
    await expect(page.locator('#instance-table tbody tr').first().textContent()).resolves.toMatch(/anhörigkonsulenten|Idélabbet/);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-tab-statistics.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the tab is 320 px wide (a Teams side panel or a phone), then it has no accessibility violations', async () => {
    const page = await openPage({ width: 320, height: 800 });
    await signIn(page);
    await expect(rows(page).count()).resolves.toBe(2);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('when staff act in the tab on a 400 px panel, then the case is claimed, rerouted with a reason and closed with an outcome in words; an erased case leaves the queue', async () => {
    const handoffs = new PrismaHandoffRepository(running.app.database.prisma);
    const acted = await handoffs.register(handoffDraft({ conversationId: 'tab-actions', contact: { name: 'Gun Lind', phone: '+46812345678' } }));
    const erased = await handoffs.register(handoffDraft({ conversationId: 'erased-in-chat' }));
    await handoffs.eraseConversation('erased-in-chat', 'webchat:person');
    const page = await openPage({ width: 400, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page);
    await expect(page.getByRole('button', { name: acted.reference }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: erased.reference }).count()).resolves.toBe(0);
    // The filters wrap inside the panel: nothing is wider than it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

    await page.getByRole('button', { name: acted.reference }).click();
    const details = page.locator('#details');
    await expect(details.getByRole('link', { name: '08-123 456 78' }).getAttribute('href')).resolves.toBe('tel:+46812345678');
    await details.getByRole('button', { name: 'Ta ärendet' }).click();
    await page.getByText('Sparat: Tagen (Development).').waitFor();

    await details.getByLabel('Till', { exact: true }).selectOption('kontaktcenter');
    await details.getByLabel('Varför (syns för mottagaren)').fill('Gäller avfall, inte anhörigstöd');
    await details.getByRole('button', { name: 'Skicka vidare' }).click();
    await page.getByText('Sparat: Ny.').waitFor();
    await details.getByText(/Skickat vidare till kommunens kontaktcenter av Development: Gäller avfall, inte anhörigstöd/).waitFor();

    await details.getByLabel('Hur slutade det?').selectOption({ label: 'Klart: personen har fått hjälp' });
    await details.getByRole('button', { name: 'Avsluta', exact: true }).click();
    await page.getByText('Sparat: Avslutad.').waitFor();
    await details.getByText('Avslutat av Development: Klart: personen har fått hjälp').waitFor();
    expect(await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: acted.id } })).toMatchObject({
      status: 'closed',
      outcome: 'resolved',
      instanceId: 'kontaktcenter',
    });
    await expect(details.getByRole('button', { name: 'Öppna igen' }).isVisible()).resolves.toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-tab-actions-400.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when a coordinator creates a need and calls volunteers out in the tab, then three times the places are asked and their answers show as they come', async () => {
    const register = new PrismaVolunteerRegister(running.app.database.prisma, catalog.volunteers!, 'Europe/Stockholm');
    const volunteers = [];
    for (let index = 0; index < 7; index += 1)
      volunteers.push(
        await register.register(
          {
            conversationId: `tab-volunteer-${index}`,
            channel: 'webchat',
            language: 'sv',
            name: `Volontär ${index}`,
            skills: ['driving', 'errands'],
            areas: ['stenhamra'],
            times: ['weekends'],
            reachBy: 'sms',
            phone: `+4670111000${index}`,
            consentVersion: catalog.volunteers!.consentVersion,
          },
          new Date(),
        ),
      );
    const page = await openPage({ width: 400, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page);
    await page.getByRole('button', { name: 'Volontärer' }).click();
    await page.getByText('0 behov.').waitFor();
    await page.getByText('Nytt behov').click();
    await page.getByLabel('Vad behövs?').fill('Köra matkassar i Stenhamra');
    await page.getByLabel('Var').selectOption('stenhamra');
    await page.getByLabel('Köra bil (egen bil)').check();
    await page.getByLabel('Hur många behövs?').fill('2');
    await page.getByLabel('När börjar det?').fill('2026-12-05T10:00');
    await page.getByRole('button', { name: 'Skapa behovet' }).click();
    await page.getByText('Behovet är skapat. Skicka frågan när du vill.').waitFor();
    // Three times the places is the default.
    await expect(page.getByLabel('Hur många ska få frågan?').inputValue()).resolves.toBe('6');
    await page.getByRole('button', { name: 'Skicka frågan' }).click();
    await page.getByText('6 volontärer får frågan.').waitFor();
    await expect(page.locator('#call-outs tbody tr').count()).resolves.toBe(6);
    // An answer arrives (by SMS, say): the open need shows it without a reload.
    const need = (await register.needs())[0]!;
    const asked = (await register.need(need.id)).callOuts[0]!;
    await register.answer(asked.id, true, new Date());
    await page.locator('#call-outs tbody').getByText('Ja', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-tab-volunteers-400.png'), fullPage: true });
    await page.getByRole('button', { name: 'Ställ in behovet' }).click();
    await page.getByText('Behovet är inställt. Alla som fått frågan får veta det.').waitFor();
    expect((await register.need(need.id)).need.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
