/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { launchChromium, requireChromium } from '../support/browser';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { startApp, type RunningApp } from '../support/test-app';
import { sayKey } from '../support/texts';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const run = requireChromium() ? describe : describe.skip;

run('the resident web chat in Chromium', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url);
    ({ browser, close: closeBrowser } = await launchChromium());
  });
  afterAll(async () => {
    await closeBrowser();
    await running.stop();
    await testDatabase.dispose();
  });

  /** A page in a context of its own (axe-core needs one). */
  const openPage = async (viewport = { width: 1280, height: 900 }) => (await browser.newContext({ viewport })).newPage();
  const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');
  const say = async (page: Page, text: string) => {
    await sendBox(page).fill(text);
    await sendBox(page).press('Enter');
  };
  const botSays = (page: Page, text: string | RegExp) => page.getByText(text).last().waitFor({ timeout: 15_000 });
  const press = async (page: Page, title: string) => {
    await page.getByRole('button', { name: title, exact: true }).last().click();
  };
  /** What the page's Content-Security-Policy blocked: Web Chat must work under it. */
  const blockedByPolicy = (page: Page) => {
    const blocked: string[] = [];
    page.on('console', (line) => {
      if (/Content.Security.Policy/i.test(line.text())) blocked.push(line.text());
    });
    return blocked;
  };
  /** A relative asks for support and consents: the bot then asks for their name. */
  const toNameQuestion = async (page: Page) => {
    await page.goto(`${running.baseUrl}/`);
    await botSays(page, /Jag är Lotsen/);
    await say(page, 'Jag tar hand om min mamma som har demens och behöver stöd');
    await botSays(page, /anhörigkonsulenten kontaktar dig/);
    await press(page, 'Ja tack');
    await press(page, 'Ja, det går bra');
    await botSays(page, 'Vad heter du?');
  };
  const handoffsOf = () => running.app.database.prisma.handoff.findMany({ orderBy: { createdAt: 'desc' } });
  const accessibilityViolations = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );

  it('when a relative asks in Swedish for support as a carer, then the handoff is registered with channel webchat and the reference is shown', async () => {
    const page = await openPage({ width: 1280, height: 900 });
    const blocked = blockedByPolicy(page);
    // The conversation comes over its WebSocket stream: no poll for new activities.
    const streams: string[] = [];
    let polls = 0;
    page.on('websocket', (socket) => streams.push(new URL(socket.url()).pathname));
    page.on('request', (request) => void (request.method() === 'GET' && /\/activities/.test(request.url()) && (polls += 1)));
    await page.goto(`${running.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect(page.getByText('ring 112', { exact: false }).first().isVisible()).resolves.toBe(true);
    await botSays(page, /Jag är Lotsen/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await say(page, 'Jag tar hand om min mamma som har demens och behöver stöd');
    await botSays(page, /anhörigkonsulenten kontaktar dig/);
    await press(page, 'Ja tack');
    await press(page, 'Ja, det går bra');
    await botSays(page, 'Vad heter du?');
    expect(await sendBox(page).getAttribute('autocomplete')).toBe('name');
    await say(page, 'Anna Andersson');
    await press(page, 'Telefon');
    await botSays(page, /Vilket telefonnummer/);
    expect(await sendBox(page).getAttribute('inputmode')).toBe('tel');
    await say(page, '070-123 45 67');
    await press(page, 'Förmiddag');
    await press(page, 'Hoppa över');
    await press(page, 'Ja, skicka');
    await botSays(page, /LOTS-\d{4}-\d{6}/);
    expect(streams).toEqual([expect.stringMatching(/^\/v3\/directline\/conversations\/[^/]+\/stream$/)]);
    expect(polls).toBe(0);
    const [handoff] = await handoffsOf();
    expect(handoff).toMatchObject({
      channel: 'webchat',
      routeId: 'anhoriglanken',
      language: 'sv',
      contactName: 'Anna Andersson',
      contactPhone: '+46701234567',
    });
    expect(await page.getByText(`LOTS-`).last().textContent()).toContain(String(handoff!.number).padStart(6, '0'));
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(blocked).toEqual([]);
    // What the person pressed reads as what they said (the button's title), never the id it sent.
    const userSaid = (await page.locator('.webchat__bubble--from-user').allTextContents()).join(' | ');
    expect(userSaid).toMatch(/Ja tack.*Telefon.*Förmiddag/s);
    expect(userSaid).not.toMatch(/\b(yes|phone|timeMorning|skip)\b/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-1280.png'), fullPage: true });
    await page.context().close();
  });

  it('when the page is reloaded or the privacy notice is opened in the same tab mid-request, then the request goes on; erasure after a reload removes the case and the transcript', async () => {
    const page = await openPage({ width: 375, height: 740 });
    await toNameQuestion(page);
    const conversationId = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('lotsen.conversation') ?? '{}') as { conversationId?: string }).conversationId,
    );
    expect(conversationId).toEqual(expect.any(String));

    await page.reload();
    // The conversation so far is shown again, and the answer to the open question is understood.
    await botSays(page, 'Vad heter du?');
    await say(page, 'Anna Andersson');
    await botSays(page, 'Hur vill du bli kontaktad?');
    // The footer opens the notice in a new tab; someone who goes there in this tab comes back to the same conversation.
    expect(await page.getByRole('link', { name: /Personuppgifter/ }).getAttribute('target')).toBe('_blank');
    await page.goto(`${running.baseUrl}/integritet`);
    await page.goto(`${running.baseUrl}/`);
    await press(page, 'Telefon');
    await botSays(page, /Vilket telefonnummer/);
    await say(page, '070-123 45 67');
    await press(page, 'Förmiddag');
    await press(page, 'Hoppa över');
    await press(page, 'Ja, skicka');
    await botSays(page, /LOTS-\d{4}-\d{6}/);
    const registered = await running.app.database.prisma.handoff.findFirstOrThrow({ where: { conversationId } });
    expect(registered).toMatchObject({ contactName: 'Anna Andersson', contactPhone: '+46701234567' });
    expect(await page.evaluate(() => (JSON.parse(sessionStorage.getItem('lotsen.conversation') ?? '{}') as { conversationId?: string }).conversationId)).toBe(
      conversationId,
    );

    await page.reload();
    await say(page, 'ta bort mina uppgifter');
    await press(page, 'Ja, ta bort');
    await botSays(page, /Jag har tagit bort ditt namn/);
    expect(await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: registered.id } })).toMatchObject({
      contactName: null,
      contactPhone: null,
      erasedAt: expect.any(Date),
    });
    // The transcript keeps only the erasure request and its answer: nothing the person wrote before.
    const transcript = JSON.stringify(
      (await running.app.database.prisma.directLineActivity.findMany({ where: { conversationId } })).map((row) => row.activity),
    );
    expect(transcript).not.toMatch(/Anna|070-123|demens/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-resumed-erased-375.png'), fullPage: false });
  });

  it('when someone mid-request switches to the English page, then the same request goes on, in English', async () => {
    const page = await openPage();
    await toNameQuestion(page);
    await page.getByText('Språk / Language').click();
    await page.getByRole('link', { name: 'English', exact: true }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await botSays(page, 'I will write in English.');
    await say(page, 'Anna Andersson');
    await botSays(page, 'How would you like to be contacted?');
  });

  it('when the kept conversation can no longer be resumed (its token expired), then a new one starts and the page says so', async () => {
    const page = await openPage();
    await page.goto(`${running.baseUrl}/`);
    await botSays(page, /Jag är Lotsen/);
    // What a tab kept from a conversation whose token has run out (set before the page's scripts run).
    await page.addInitScript(() =>
      sessionStorage.setItem('lotsen.conversation', JSON.stringify({ conversationId: 'an-old-one', token: 'expired.or.forged', lang: 'sv' })),
    );
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: /har stängts av säkerhetsskäl/ })
      .waitFor({ timeout: 15_000 });
    await botSays(page, /Jag är Lotsen/);
    const kept = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('lotsen.conversation') ?? '{}') as { conversationId?: string }).conversationId);
    expect(kept).not.toBe('an-old-one');
  });

  it('when the page opens on a 375 × 740 phone, then the input is on screen; with the keyboard open the 112 line does not cover the conversation', async () => {
    const page = await openPage({ width: 375, height: 740 });
    await page.goto(`${running.baseUrl}/`);
    await botSays(page, /Jag är Lotsen/);
    const input = (await sendBox(page).boundingBox())!;
    expect(input.y + input.height).toBeLessThanOrEqual(740);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-375x740.png') });
    // The keyboard takes about half the height: what is left is the conversation and the input.
    await page.setViewportSize({ width: 375, height: 360 });
    await sendBox(page).focus();
    await sendBox(page).scrollIntoViewIfNeeded();
    const banner = (await page.locator('.emergency').boundingBox())!;
    const visibleInput = (await sendBox(page).boundingBox())!;
    const covered = Math.max(0, Math.min(banner.y + banner.height, 360) - Math.max(banner.y, 0));
    expect(covered).toBeLessThan(360 / 6);
    expect(visibleInput.y).toBeGreaterThanOrEqual(0);
    expect(visibleInput.y + visibleInput.height).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-375-keyboard.png') });
  });

  it('when a relative uses the English page, then the conversation and the handoff are in English', async () => {
    const page = await openPage({ width: 1280, height: 900 });
    await page.goto(`${running.baseUrl}/?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await botSays(page, /I am Lotsen/);
    await say(page, 'I care for my father who has dementia and I need support');
    await press(page, 'Yes please');
    await press(page, 'Yes, that is fine');
    await say(page, 'Anna Andersson');
    await press(page, 'E-mail');
    await botSays(page, /Which e-mail address/);
    expect(await sendBox(page).getAttribute('inputmode')).toBe('email');
    await say(page, 'anna@example.se');
    await press(page, 'Any time');
    await press(page, 'Skip');
    await press(page, 'Yes, send it');
    await botSays(page, /Your case is registered with reference LOTS-/);
    expect((await handoffsOf())[0]).toMatchObject({ channel: 'webchat', language: 'en', contactEmail: 'anna@example.se' });
    await page.context().close();
  });

  it('when someone uses only the keyboard on a 320 px screen, then they can register a handoff', async () => {
    const page = await openPage({ width: 320, height: 640 });
    await page.goto(`${running.baseUrl}/`);
    await botSays(page, /Jag är Lotsen/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-320.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    // Tab from the top of the page until the chat's text box has focus.
    for (let tab = 0; tab < 30 && !(await sendBox(page).evaluate((element) => element === document.activeElement)); tab += 1) await page.keyboard.press('Tab');
    expect(await sendBox(page).evaluate((element) => element === document.activeElement)).toBe(true);
    const type = async (text: string) => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    await type('Jag stöttar min bror som har psykisk ohälsa och behöver någon att prata med');
    await botSays(page, /kontaktar dig\?/);
    for (const answer of ['ja', 'ja', 'Bo Berg', 'telefon', '08-123 456 78', 'efter lunch', 'hoppa över', 'ja']) {
      await sendBox(page).focus();
      await type(answer);
      await page.waitForTimeout(300);
    }
    await botSays(page, /LOTS-\d{4}-\d{6}/);
    expect((await handoffsOf())[0]).toMatchObject({ channel: 'webchat', contactName: 'Bo Berg', contactPhone: '+46812345678', preferredTime: 'efter lunch' });
    await page.context().close();
  });

  it("serves the privacy notice and the accessibility statement, written from the catalog, in the page's language and accessible on a phone", async () => {
    const page = await openPage({ width: 375, height: 740 });
    await page.goto(`${running.baseUrl}/tillganglighet`);
    await expect(page.getByRole('heading', { name: 'Rapportera brister' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'anmäla bristande tillgänglighet till Digg' }).getAttribute('href')).resolves.toBe(
      'https://www.digg.se/tdosanmalan',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    // Nothing is wider than the phone, not even the heading's long compound word.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.goto(`${running.baseUrl}/integritet`);
    await expect(page.getByText('ta bort mina uppgifter').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Vem ansvarar för dina uppgifter?' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: '08-124 571 00' }).first().getAttribute('href')).resolves.toBe('tel:+46812457100');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The English page's footer opens the English notice.
    await page.goto(`${running.baseUrl}/?lang=en`);
    const [notice] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Personal data/ }).click()]);
    await notice.waitForLoadState();
    await expect(notice.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('How Lotsen handles your personal data');
    await expect(notice.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(await accessibilityViolations(notice)).toEqual([]);
    await page.context().close();
  });

  it.each(['ar', 'fa'])(
    'when the page is opened in %s, then it reads right to left, Lotsen greets in the language, the menu offers every language, and axe finds nothing on a phone',
    async (language) => {
      const catalog = loadCatalogFile();
      const page = await openPage({ width: 375, height: 740 });
      await page.goto(`${running.baseUrl}/?lang=${language}`);
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      // The welcome in the page's language: its first sentence, as the catalog writes it.
      await botSays(page, sayKey(catalog, 'welcome', language).split(/[!.؟?]/)[0]!);
      await page.locator('.languages summary').click();
      const offered = await page.locator('.languages a').evaluateAll((links) => links.map((link) => [link.getAttribute('lang'), link.getAttribute('dir')]));
      expect(offered.map(([lang]) => lang).sort()).toEqual(
        Object.keys(catalog.languages)
          .filter((code) => code !== language)
          .sort(),
      );
      expect(offered.filter(([, dir]) => dir === 'rtl').map(([lang]) => lang)).toEqual(['ar', 'fa'].filter((code) => code !== language));
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: path.join(ARTIFACTS, `webchat-${language}-375.png`) });
      await page.context().close();
    },
  );

  it('when someone greets in Arabic script on the Swedish page, then one tap on their language answers the question, and Lotsen goes on in it', async () => {
    const catalog = loadCatalogFile();
    const page = await openPage({ width: 375, height: 740 });
    await page.goto(`${running.baseUrl}/`);
    await botSays(page, /Jag är Lotsen/);
    await say(page, 'سلام');
    await botSays(page, catalog.texts.chooseLanguage.fa!);
    await press(page, catalog.languages.fa!.name);
    await botSays(page, sayKey(catalog, 'chooseArea', 'fa'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-language-question-375.png') });
    await page.context().close();
  });
});
