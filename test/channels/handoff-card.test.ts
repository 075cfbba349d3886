import { handoffCard } from '../../src/channels/teams/handoff-card';
import { plainText } from '../../src/channels/teams/plain-text';
import type { HandoffView } from '../../src/domain/handoff/handoff';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { handoffView } from '../support/handoff-views';

const catalog = loadCatalogFile();
const handoff = (contact: HandoffView['contact'], summary: string): HandoffView => handoffView({ contact, summary });

/** What a markdown renderer shows: escapes removed, zero-width spaces invisible. */
const shown = (markdown: string) => markdown.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');

describe('resident text on a staff card', () => {
  const phishing = '[Logga in här](https://evil.example/login)';
  const card = JSON.stringify(
    handoffCard(
      handoff({ name: phishing, phone: '+46701234567', preferredTime: '**Akut** ring www.evil.example' }, '# Rubrik\n- punkt\n<b>fet</b> mejla a@evil.example'),
      catalog,
    ),
  );

  it('when a resident writes markdown or an address into their name, time or summary, then the card shows it as plain text: no link, no formatting', () => {
    // No "](" that a renderer would turn into a link, but the number validated at the door (a tel: link).
    expect([...card.matchAll(/(?<!\\\\)\]\((?!\\\\)([a-z]+:)/g)].map((match) => match[1])).toEqual(['tel:']);
    expect(card).not.toContain('https://evil');
    expect(card).not.toContain('www.evil');
    expect(card).not.toMatch(/(?<!\\\\)\*\*Akut/);
    expect(card).not.toContain('a@evil');
  });

  it('when the escaped text is rendered, then staff read exactly what the resident wrote', () => {
    for (const text of [phishing, '**Akut** ring www.evil.example', 'Förmiddag, helst före 10.00 (inte fredag)', '070-123 45 67 eller a@b.se', 'C:\\temp_1']) {
      expect(shown(plainText(text))).toBe(text);
    }
  });
});

/** Microsoft's own Adaptive Cards SDK (the renderer Teams builds on), in Node from its bundle: its parse warnings and validation messages for a card. */
function sdkProblems(card: Record<string, unknown>): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  return [...parseEvents, ...parsed.validateProperties().validationEvents.map((event) => event.message)];
}

/** What a card says: its text blocks and facts, as staff read them. */
const said = (card: Record<string, unknown>) =>
  (card.body as { text?: string; facts?: { title: string; value: string }[] }[])
    .flatMap((block) => [block.text ?? '', ...(block.facts ?? []).map((fact) => `${fact.title}: ${fact.value}`)])
    .join('\n');
const buttonsOf = (card: Record<string, unknown>) => (card.actions as { title: string }[]).map((action) => action.title);

describe('the handoff card staff judge a case by', () => {
  const visitor = handoffView({
    routeId: 'volontar.vantjanst',
    instanceId: 'vantjansten',
    need: 'visitor',
    language: 'ar',
    interpreter: true,
    channel: 'telegram',
    contact: { name: 'Edith Holm', phone: '+46701234567', email: 'edith@example.se', preferredTime: 'Förmiddag' },
  });

  it('shows the need, the language, the channel in words, when it came in and its deadlines, and the numbers as tel: links in Swedish format', () => {
    const card = handoffCard(visitor, catalog);
    const text = said(card);
    expect(text).toContain('Behov: Jag söker en besöksvän');
    expect(text).toContain('Språk: arabiska: personen vill ha tolk, boka tolk på arabiska');
    expect(text).toContain('Kanal: Skrev i Telegram');
    expect(text).toMatch(/Inkom: tis 1 dec\. 10:00/);
    expect(text).toMatch(/Ta senast: tis 1 dec\. 14:00/);
    expect(text).toMatch(/Kontakta senast: tors 3 dec\. 16:00/);
    expect(text).toContain('Telefon: [070-123 45 67](tel:+46701234567)');
    expect(text).toContain('E-post: [edith@example.se](mailto:edith@example.se)');
    expect(text).not.toContain('+46701234567\n');
  });

  it('closes with outcomes in Swedish words, never the ids', () => {
    const close = (
      handoffCard(visitor, catalog).actions as { title: string; card?: { body: { id: string; choices: { title: string; value: string }[] }[] } }[]
    ).find((action) => action.title === 'Avsluta')!;
    const choices = close.card!.body.find((input) => input.id === 'outcome')!.choices;
    expect(choices.map((choice) => choice.value)).toEqual(['resolved', 'referred', 'no-contact', 'withdrawn', 'duplicate']);
    for (const choice of choices) expect(choice.title).not.toMatch(/^[a-z-]+$/);
  });

  it('says when the person’s details are erased and offers nothing to do', () => {
    const erased = handoffCard(
      handoffView({ erasedAt: new Date('2026-12-01T12:00:00Z'), status: 'closed', outcome: 'withdrawn', contact: { name: null }, summary: null }),
      catalog,
    );
    expect(said(erased)).toMatch(/Personens uppgifter är raderade/);
    expect(said(erased)).not.toContain('Ta ärendet');
    expect(erased.actions).toEqual([]);
  });

  it('left behind in the old channel after a reroute, says where the case went and offers nothing', () => {
    const card = handoffCard(handoffView({ instanceId: 'kontaktcenter' }), catalog, { shownTo: 'anhorigkonsulent' });
    expect(said(card)).toContain('Ärendet har skickats vidare till kommunens kontaktcenter.');
    expect(card.actions).toEqual([]);
  });

  it.each([
    ['new', handoffView()],
    ['claimed', handoffView({ status: 'claimed', claimedBy: 'Anna Staff' })],
    ['contacted', handoffView({ status: 'contacted', claimedBy: 'Anna Staff' })],
    ['closed', handoffView({ status: 'closed', outcome: 'resolved' })],
    ['erased', handoffView({ status: 'closed', erasedAt: new Date(), contact: { name: null }, summary: null })],
    ['a visitor in Arabic on Telegram, with an interpreter', visitor],
  ])('as %s, parses in the official Adaptive Cards SDK without an error or a warning', (_state, handoff) => {
    const card = handoffCard(handoff, catalog, { notice: 'Eskalerat: inte taget i tid' });
    expect(sdkProblems(card)).toEqual([]);
    expect(buttonsOf(card).length).toBeLessThanOrEqual(4);
  });
});
