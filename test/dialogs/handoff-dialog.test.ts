import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { ConversationProfile } from '../../dialogs/dialog-deps';
import { MainDialog } from '../../dialogs/main-dialog';
import type { Database } from '../../src/storage/database';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { databaseKinds } from '../support/databases';
import { buttons, catalog, clientFor, conversationIdOf, expecting, line, newConversation, routeAnswer, router, texts, turn } from '../support/dialog-client';
import { openMigratedDatabase } from '../support/open-test-database';

// Friday 20 November 2026, 11:00 in Stockholm.
const NOW = new Date('2026-11-20T10:00:00Z');
const clock = () => NOW;
const instanceOf = (routeId: string) => catalog.instances.find((instance) => instance.id === catalog.routes.find((route) => route.id === routeId)!.instance)!;

let database: Database;
let close: () => Promise<void>;
let handoffs: PrismaHandoffRepository;
beforeAll(async () => {
  ({ database, close } = await openMigratedDatabase(databaseKinds[0]!));
  handoffs = new PrismaHandoffRepository(database.prisma);
});
afterAll(() => close());

const conversation = () => newConversation(handoffs, { clock });
const rowsOf = (client: DialogTestClient) => database.prisma.handoff.findMany({ where: { conversationId: conversationIdOf(client) } });

/** Walks a conversation to the route's answer: greeting, the language, then the route's button. */
async function toRoute(client: DialogTestClient, routeId: string, language: 'sv' | 'en') {
  await turn(client, language === 'sv' ? 'hej' : 'english');
  return turn(client, routeId);
}

/** Answers the handoff dialog's questions; returns the replies to the confirmation. */
async function handOver(client: DialogTestClient, contact: { phone?: string; email?: string } = { phone: '070-123 45 67' }) {
  expect(expecting((await turn(client, 'yes')).at(-1))).toBe('consent');
  expect(expecting((await turn(client, 'yes')).at(-1))).toBe('name');
  expect(expecting((await turn(client, 'Anna Andersson')).at(-1))).toBe('choice');
  expect(expecting((await turn(client, contact.phone ? 'phone' : 'email')).at(-1))).toBe(contact.phone ? 'phone' : 'email');
  expect(expecting((await turn(client, contact.phone ?? contact.email!)).at(-1))).toBe('contactTime');
  expect(expecting((await turn(client, 'timeMorning')).at(-1))).toBe('freeText');
  expect(expecting((await turn(client, 'Vi vill veta mer om hur det går till')).at(-1))).toBe('confirm');
  return turn(client, 'yes');
}

const ROUTES = catalog.routes.map((route) => route.id);

describe.each(['sv', 'en'] as const)('every route in %s', (language) => {
  it.each(ROUTES.filter((id) => id !== 'bidrag.utmarkelse'))(
    'when a person gets the answer about %s and declines contact, then nothing is stored',
    async (routeId) => {
      const client = conversation();
      const replies = await toRoute(client, routeId, language);
      expect(replies[0]?.text).toBe(routeAnswer(routeId, language));
      if (routeId === 'volontar.vantjanst') await turn(client, 'visitor');
      const declined = await turn(client, 'no');
      expect(texts(declined)).toEqual([line('noHandoff', language), catalog.texts.anythingElse[language]]);
      expect(await rowsOf(client)).toEqual([]);
    },
  );

  it.each(ROUTES.filter((id) => id !== 'bidrag.utmarkelse'))(
    'when a person gets the answer about %s and asks to be contacted, then the handoff is registered for its instance',
    async (routeId) => {
      const client = conversation();
      await toRoute(client, routeId, language);
      if (routeId === 'volontar.vantjanst') expect(buttons((await turn(client, 'volunteer')).at(-1))).toEqual(['yes', 'no']);
      const [confirmation] = await handOver(client);
      const [row] = await rowsOf(client);
      const instance = instanceOf(routeId);
      expect(confirmation?.text).toContain(row ? `LOTS-2026-${String(row.number).padStart(6, '0')}` : 'missing');
      expect(confirmation?.text).toContain(instance.name[language]);
      expect(confirmation?.channelData).toEqual({ lotsen: { handoff: { id: row!.id, reference: `LOTS-2026-${String(row!.number).padStart(6, '0')}` } } });
      expect(row).toMatchObject({
        routeId,
        instanceId: instance.id,
        status: 'registered',
        channel: 'webchat',
        language,
        need: routeId === 'volontar.vantjanst' ? 'volunteer' : null,
        contactName: 'Anna Andersson',
        contactPhone: '+46701234567',
        contactEmail: null,
        preferredTime: 'Förmiddag',
        summary: 'Vi vill veta mer om hur det går till',
        consentVersion: catalog.privacy.consentVersion,
        consentedAt: NOW,
      });
    },
  );
});

describe('the award', () => {
  const award = catalog.routes.find((route) => route.id === 'bidrag.utmarkelse')!.eligibility!;

  it('when all four criteria are met, then the association hears it may apply and can be contacted by the social welfare office', async () => {
    const client = conversation();
    await toRoute(client, 'bidrag.utmarkelse', 'sv');
    for (const answer of ['ja', 'ja', 'ja']) await turn(client, answer);
    const [verdict, offer] = await turn(client, 'ja');
    expect(verdict?.text).toBe(award.eligible.sv);
    expect(offer?.text).toBe(line('offerHandoff', 'sv', { instance: instanceOf('bidrag.utmarkelse').name.sv }));
    await handOver(client, { email: 'Styrelsen@Forening.se' });
    expect(await rowsOf(client)).toMatchObject([
      { routeId: 'bidrag.utmarkelse', instanceId: 'socialkontoret', contactEmail: 'styrelsen@forening.se', contactPhone: null },
    ]);
  });

  it('when it is a loose network, then the "no" is explained and Idélabbet is offered instead', async () => {
    const client = conversation();
    await toRoute(client, 'bidrag.utmarkelse', 'en');
    const [verdict, offer] = await turn(client, 'no');
    expect(verdict?.text).toBe(award.criteria[0]!.ifNo.en);
    expect(offer?.text).toBe(line('offerHandoff', 'en', { instance: 'Idélabbet' }));
    await handOver(client);
    expect(await rowsOf(client)).toMatchObject([{ routeId: 'idelabbet', instanceId: 'idelabbet', language: 'en' }]);
  });

  it('when the association is not active in the municipality, then the reason is given and the operating grant offered', async () => {
    const client = conversation();
    await toRoute(client, 'bidrag.utmarkelse', 'sv');
    await turn(client, 'ja');
    await turn(client, 'ja');
    const [verdict, offer] = await turn(client, 'nej');
    expect(verdict?.text).toBe(award.criteria[2]!.ifNo.sv);
    expect(offer?.text).toBe(line('offerHandoff', 'sv', { instance: instanceOf('bidrag.verksamhetsstod').name.sv }));
  });
});

describe('inside the handoff dialog', () => {
  /** A conversation waiting for the person's name. */
  async function atName() {
    const client = conversation();
    await toRoute(client, 'anhoriglanken', 'sv');
    await turn(client, 'ja');
    expect(expecting((await turn(client, 'ja')).at(-1))).toBe('name');
    return client;
  }

  it('when the person declines consent, then nothing personal is asked or stored', async () => {
    const client = conversation();
    await toRoute(client, 'anhoriglanken', 'sv');
    await turn(client, 'ja');
    const replies = await turn(client, 'nej');
    expect(texts(replies)[0]).toBe(line('consentDeclined'));
    expect(replies.some((reply) => expecting(reply) === 'name')).toBe(false);
    expect(await rowsOf(client)).toEqual([]);
  });

  it('when "hjälp" is written, then help is given and the same question asked again', async () => {
    const client = await atName();
    const [help, again] = await turn(client, 'hjälp');
    expect(help?.text).toBe(line('help'));
    expect(again?.text).toBe(line('askName'));
  });

  it('when "avbryt" is written, then the handoff is dropped and nothing is stored', async () => {
    const client = await atName();
    expect(texts(await turn(client, 'avbryt'))).toEqual([line('cancelled')]);
    expect(await rowsOf(client)).toEqual([]);
  });

  it('when "börja om" is written, then the areas are offered again', async () => {
    const client = await atName();
    const [offer] = await turn(client, 'börja om');
    expect(offer?.text).toBe(line('chooseArea'));
    expect(buttons(offer)).toEqual(['bidrag', 'volontar', 'anhoriglanken']);
  });

  it('when "prata med en människa" is written, then a handoff to the instance of the topic starts', async () => {
    const client = await atName();
    const [promise, consent] = await turn(client, 'prata med en människa');
    expect(promise?.text).toBe(line('talkToPerson', 'sv', { instance: 'anhörigkonsulenten' }));
    expect(expecting(consent)).toBe('consent');
  });

  it('when "English" is written, then Lotsen switches language and asks again', async () => {
    const client = await atName();
    const [switched, asked] = await turn(client, 'English');
    expect(switched?.text).toBe(line('languageSwitched', 'en'));
    expect(asked?.text).toBe(line('askName', 'en'));
  });

  it('when "ta bort mina uppgifter" is written halfway, then after confirming nothing of the conversation is kept', async () => {
    const client = await atName();
    await turn(client, 'Anna');
    const [question] = await turn(client, 'ta bort mina uppgifter');
    expect(question?.text).toBe(line('deleteConfirm'));
    // Nothing was registered: it says so, and how a case from another conversation is erased.
    expect(texts(await turn(client, 'ja'))).toEqual([line('deletedNoCases')]);
    expect(await rowsOf(client)).toEqual([]);
    // The half-filled handoff is gone with the conversation's state: the next message starts afresh.
    expect(texts(await turn(client, 'hej'))[0]).toBe(line('welcome'));
  });

  it('when an emergency is written, then the numbers come at once and no handoff is queued', async () => {
    const client = await atName();
    const replies = await turn(client, 'Min man slår mig, han är hemma nu');
    expect(texts(replies)).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/112/);
    expect(await rowsOf(client)).toEqual([]);
  });

  it("when the phone number cannot be read three times, then e-mail is offered instead; when that fails too, the contact centre's number", async () => {
    const client = await atName();
    await turn(client, 'Anna');
    await turn(client, 'phone');
    expect(texts(await turn(client, '12345'))).toEqual([line('invalidPhone')]);
    expect(texts(await turn(client, 'ring mig'))).toEqual([line('invalidPhone')]);
    const switched = await turn(client, '000');
    expect(texts(switched)).toEqual([line('phoneUnreadable'), line('askEmail')]);
    expect(expecting(switched.at(-1))).toBe('email');
    for (const attempt of ['anna', 'anna@', 'inget']) await turn(client, attempt);
    expect(await rowsOf(client)).toEqual([]);
    const other = await atName();
    await turn(other, 'Anna');
    await turn(other, 'phone');
    for (const attempt of ['12345', 'ring mig']) await turn(other, attempt);
    await turn(other, '000');
    await turn(other, 'fel');
    await turn(other, 'fel igen');
    expect(texts(await turn(other, 'fortfarande fel'))[0]).toBe(line('tooManyTries'));
  });

  /** Walks to the confirmation with Anna Andersson, 070-123 45 67, the morning and no own words. */
  async function atConfirmation() {
    const client = await atName();
    await turn(client, 'Anna Andersson');
    await turn(client, 'phone');
    await turn(client, '070-123 45 67');
    await turn(client, 'timeMorning');
    const [confirm] = await turn(client, 'skip');
    expect(buttons(confirm)).toEqual(['yes', 'change', 'no']);
    return { client, confirm: confirm!.text! };
  }

  it('when the person corrects the number in a sentence at the confirmation, then only the number changes and the case is sent with it', async () => {
    const { client, confirm } = await atConfirmation();
    const [again] = await turn(client, 'telefonnumret är fel, det ska vara 0707654321');
    expect(confirm).toContain('- Kontakt: 070-123 45 67\n');
    expect(again?.text).toBe(confirm.replace('070-123 45 67', '070-765 43 21'));
    expect(expecting(again)).toBe('confirm');
    await turn(client, 'ja');
    expect(await rowsOf(client)).toMatchObject([
      { contactName: 'Anna Andersson', contactPhone: '+46707654321', contactEmail: null, preferredTime: 'Förmiddag' },
    ]);
  });

  it('when the person chooses to change the name, then they are asked for it and the summary comes back with only the name changed', async () => {
    const { client, confirm } = await atConfirmation();
    const [which] = await turn(client, 'change');
    expect(buttons(which)).toEqual(['name', 'contact', 'time', 'summary']);
    expect(expecting((await turn(client, 'name')).at(-1))).toBe('name');
    const [again] = await turn(client, 'Jag heter Anna Berg');
    expect(again?.text).toBe(confirm.replace('Anna Andersson', 'Anna Berg'));
    expect(await rowsOf(client)).toEqual([]);
  });

  it('when the number or the name is written in a sentence, then it is read out of it', async () => {
    const client = await atName();
    expect(expecting((await turn(client, 'Jag heter Anna Berg')).at(-1))).toBe('choice');
    await turn(client, 'phone');
    expect(expecting((await turn(client, 'mitt nummer är 0701234567')).at(-1))).toBe('contactTime');
    await turn(client, 'timeMorning');
    const [confirm] = await turn(client, 'skip');
    expect(confirm?.text).toContain('- Namn: Anna Berg\n');
    // Shown as people write it, stored in full international form.
    expect(confirm?.text).toContain('- Kontakt: 070-123 45 67\n');
  });

  it('when the e-mail address is wrong, then Lotsen asks again and accepts a right one', async () => {
    const client = await atName();
    await turn(client, 'Anna');
    await turn(client, 'email');
    expect(texts(await turn(client, 'anna@'))).toEqual([line('invalidEmail')]);
    expect(expecting((await turn(client, 'anna@example.se')).at(-1))).toBe('contactTime');
  });

  it('when a personal identity number is written in the description, then it is removed before it is stored', async () => {
    const client = await atName();
    for (const said of ['Anna', 'phone', '+46 8 123 456 78', 'När som helst efter 15']) await turn(client, said);
    const [notice] = await turn(client, 'Min pappa 19400101-1234 behöver stöd');
    expect(notice?.text).toBe(line('summaryStripped'));
    await turn(client, 'ja');
    expect(await rowsOf(client)).toMatchObject([
      { summary: 'Min pappa […] behöver stöd', contactPhone: '+46812345678', preferredTime: 'När som helst efter 15' },
    ]);
  });

  it('when the registration is confirmed, then the SLA is counted in working days from now', async () => {
    const client = conversation();
    await toRoute(client, 'anhoriglanken', 'sv');
    await handOver(client);
    // Friday + 2 working days = Tuesday 24 November, 16:00 in Stockholm.
    expect(await rowsOf(client)).toMatchObject([{ slaDueAt: new Date('2026-11-24T15:00:00Z') }]);
  });
});

describe('delete my data', () => {
  it('when a person who registered a handoff asks to be forgotten and confirms, then their details are erased and the case stays anonymous', async () => {
    const client = conversation();
    await toRoute(client, 'anhoriglanken', 'sv');
    const [registered] = await handOver(client);
    const { reference } = (registered?.channelData as { lotsen: { handoff: { reference: string } } }).lotsen.handoff;
    const [question] = await turn(client, 'ta bort mina uppgifter');
    expect(question?.text).toBe(line('deleteConfirm'));
    // It says exactly what was erased: the case, by its reference.
    expect(texts(await turn(client, 'yes'))).toEqual([line('deleted', 'sv', { references: reference })]);
    expect(await rowsOf(client)).toMatchObject([
      { routeId: 'anhoriglanken', contactName: null, contactPhone: null, summary: null, erasedAt: expect.any(Date) },
    ]);
  });

  it('when the person says no, then nothing is erased', async () => {
    const client = conversation();
    await toRoute(client, 'anhoriglanken', 'sv');
    await handOver(client);
    await turn(client, 'delete my data');
    expect(texts(await turn(client, 'nej'))).toEqual([line('notDeleted')]);
    expect(await rowsOf(client)).toMatchObject([{ contactName: 'Anna Andersson' }]);
  });
});

describe('registration that must not be doubled or faked', () => {
  it('when the confirming turn is processed again (its state was not saved), then there is still one handoff, with the same reference', async () => {
    const memory: Record<string, string> = {};
    const conversationState = new ConversationState(new MemoryStorage(memory));
    const profile = conversationState.createProperty<ConversationProfile>('profile');
    const deps = {
      catalog,
      router,
      profile,
      handoffs,
      clock,
      newId: () => `attempt-${Math.random()}`,
      forgetConversation: () => Promise.resolve(),
      reportError: () => undefined,
    };
    const client = clientFor(new MainDialog(deps), conversationState);
    await toRoute(client, 'anhoriglanken', 'sv');
    for (const said of ['ja', 'ja', 'Anna', 'phone', '0701234567', 'timeAnytime', 'skip']) await turn(client, said);
    const beforeConfirm = { ...memory };
    const [first] = await turn(client, 'ja');
    Object.assign(memory, beforeConfirm); // as if the reply went out but the state save was lost
    const [second] = await turn(client, 'ja');
    expect(second?.text).toBe(first?.text);
    expect(await rowsOf(client)).toHaveLength(1);
  });

  it('when the database fails during registration, then the person is told honestly and given the phone number, and nothing claims to be registered', async () => {
    const broken = await openMigratedDatabase(databaseKinds[0]!);
    const reported: unknown[] = [];
    const client = newConversation(new PrismaHandoffRepository(broken.database.prisma), { clock, reportError: (error) => reported.push(error) });
    await toRoute(client, 'anhoriglanken', 'sv');
    for (const said of ['ja', 'ja', 'Anna', 'phone', '0701234567', 'timeAnytime', 'skip']) await turn(client, said);
    await broken.close();
    const replies = await turn(client, 'ja');
    expect(replies[0]?.text).toBe(line('registrationFailed'));
    expect(replies[0]?.text).toContain('08-124 571 00');
    expect(replies.some((reply) => (reply.channelData as { lotsen?: { handoff?: unknown } } | undefined)?.lotsen?.handoff)).toBe(false);
    expect(reported).toHaveLength(1);
  });

  it('when the database fails while erasing, then the person is told the erasure failed (not that a case could not be registered) and given the phone number', async () => {
    const broken = await openMigratedDatabase(databaseKinds[0]!);
    const reported: unknown[] = [];
    const client = newConversation(new PrismaHandoffRepository(broken.database.prisma), { clock, reportError: (error) => reported.push(error) });
    await toRoute(client, 'anhoriglanken', 'sv');
    await handOver(client);
    await turn(client, 'ta bort mina uppgifter');
    await broken.close();
    const replies = await turn(client, 'ja');
    expect(texts(replies)).toEqual([line('deleteFailed')]);
    expect(replies[0]?.text).toContain('08-124 571 00');
    expect(reported).toHaveLength(1);
  });
});
