import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DialogTestClient } from 'botbuilder-testing';
import { parse } from 'yaml';
import { callOutButton } from '../../dialogs/call-out-answer';
import type { Database } from '../../src/storage/database';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { PrismaVolunteerRegister } from '../../src/storage/volunteer-register';
import { databaseKinds } from '../support/databases';
import { buttons, catalog, conversationIdOf, expecting, newConversation, routeAnswer, texts, turn } from '../support/dialog-client';
import { openMigratedDatabase } from '../support/open-test-database';

const settings = catalog.volunteers!;
const say = (key: keyof typeof settings.texts, language = 'sv') => settings.texts[key][language] ?? settings.texts[key].sv;
const NOW = new Date('2026-12-02T09:00:00Z');
/** A sign-up as people write it in the language (the router's own examples file). */
const signUp = (language: string): string =>
  (parse(readFileSync(path.join(__dirname, '..', '..', 'catalog', 'examples', `${language}.yaml`), 'utf8')) as { routes: Record<string, string[]> }).routes[
    'volontar.anmalan'
  ]![0]!;

let database: Database;
let close: () => Promise<void>;
let register: PrismaVolunteerRegister;
let handoffs: PrismaHandoffRepository;
beforeAll(async () => {
  ({ database, close } = await openMigratedDatabase(databaseKinds[0]!));
  register = new PrismaVolunteerRegister(database.prisma, settings, 'Europe/Stockholm');
  handoffs = new PrismaHandoffRepository(database.prisma);
});
afterAll(() => close());

const conversation = () => newConversation(handoffs, { clock: () => NOW, volunteers: { register, appChannels: [] } });
const entryOf = (client: DialogTestClient) => register.findByConversation(conversationIdOf(client));

/** From the sign-up's answer to the consent question: skills, areas, times, name, an SMS number. */
async function fillIn(client: DialogTestClient, name: string) {
  const skills = await turn(client, 'yes');
  expect(buttons(skills.at(-1))).toEqual(settings.skills.map((skill) => skill.id));
  const afterOne = await turn(client, 'driving');
  // What is chosen is said, and "done" is offered once something is.
  expect(buttons(afterOne.at(-1))).toEqual([...settings.skills.filter((skill) => skill.id !== 'driving').map((skill) => skill.id), 'done']);
  await turn(client, 'errands');
  const areas = await turn(client, 'done');
  expect(buttons(areas.at(-1))).toEqual([...settings.areas.map((area) => area.id), 'all']);
  await turn(client, 'faringso');
  await turn(client, 'done');
  await turn(client, 'weekends');
  expect(expecting((await turn(client, 'done')).at(-1))).toBe('name');
  // The web chat cannot reach anyone later: SMS or e-mail.
  const reach = await turn(client, name);
  expect(buttons(reach.at(-1))).toEqual(['sms', 'email']);
  expect(expecting((await turn(client, 'sms')).at(-1))).toBe('phone');
  const consent = await turn(client, '070-123 45 67');
  expect(expecting(consent.at(-1))).toBe('consent');
  return consent.at(-1)!.text!;
}

describe('the volunteer register by chat', () => {
  it('when someone signs up in Swedish, then after what they can do, where, when, their name and number and their consent, they are in the register', async () => {
    const client = conversation();
    const opening = texts(await turn(client, 'Jag vill anmäla mig som volontär'));
    expect(opening).toContain(routeAnswer('volontar.anmalan'));
    expect(opening.at(-1)).toBe(say('offerRegister'));
    const consent = await fillIn(client, 'Kim Berg');
    expect(consent).toContain(`högst ${settings.maxCallOutsPerWeek} gånger i veckan`);
    expect(consent).toContain(`${settings.retentionMonths} månader`);
    // Nothing is kept before the consent.
    expect(await entryOf(client)).toBeUndefined();
    expect(texts(await turn(client, 'yes'))[0]).toBe(say('registered').replace('{name}', 'Kim Berg'));
    expect(await entryOf(client)).toMatchObject({
      name: 'Kim Berg',
      skills: ['driving', 'errands'],
      areas: ['faringso'],
      times: ['weekends'],
      reachBy: 'sms',
      phone: '+46701234567',
      language: 'sv',
      channel: 'webchat',
      status: 'active',
      consentVersion: settings.consentVersion,
    });
  });

  it('when someone signs up in Arabic, then every question is in Arabic and the entry records the language', async () => {
    const client = conversation();
    const opening = texts(await turn(client, signUp('ar')));
    expect(opening.at(-1)).toBe(say('offerRegister', 'ar'));
    expect(texts(await turn(client, 'yes')).at(-1)).toBe(say('askSkills', 'ar'));
    await turn(client, 'visits');
    expect(texts(await turn(client, 'done')).at(-1)).toBe(say('askAreas', 'ar'));
    await turn(client, 'all');
    expect(texts(await turn(client, 'weekdays')).at(-1)).toContain(say('askTimes', 'ar'));
    await turn(client, 'done');
    await turn(client, 'أمل حسن');
    await turn(client, 'email');
    const consent = texts(await turn(client, 'amal@example.org'));
    expect(consent.at(-1)).toContain(say('consent', 'ar').slice(0, 20));
    await turn(client, 'yes');
    expect(await entryOf(client)).toMatchObject({ language: 'ar', areas: settings.areas.map((area) => area.id), reachBy: 'email', email: 'amal@example.org' });
  });

  it('when consent is declined, then nothing is kept', async () => {
    const client = conversation();
    await turn(client, 'Jag vill anmäla mig som volontär');
    await fillIn(client, 'Kim Berg');
    expect(texts(await turn(client, 'no'))[0]).toBe(say('notRegistered'));
    expect(await entryOf(client)).toBeUndefined();
  });

  it('a volunteer sees their entry, pauses, resumes and leaves by chat at any time', async () => {
    const client = conversation();
    await turn(client, 'Jag vill anmäla mig som volontär');
    await fillIn(client, 'Kim Berg');
    await turn(client, 'yes');
    const shown = await turn(client, 'mina volontäruppgifter');
    expect(shown[0]!.text).toContain('Köra bil (egen bil), Handla och göra ärenden');
    expect(shown[0]!.text).toContain('Färingsö');
    expect(buttons(shown.at(-1))).toEqual(['change', 'pause', 'leave', 'nothing']);
    expect(texts(await turn(client, 'pause'))).toEqual([say('paused')]);
    expect(await entryOf(client)).toMatchObject({ status: 'paused' });
    expect(texts(await turn(client, 'starta volontärregistret'))).toEqual([say('resumed')]);
    expect(await entryOf(client)).toMatchObject({ status: 'active' });
    expect(texts(await turn(client, 'avregistrera mig'))).toEqual([say('left')]);
    expect(await entryOf(client)).toBeUndefined();
    // Not in the register any more: offered to join.
    expect(texts(await turn(client, 'mina volontäruppgifter'))).toEqual([say('notInRegister')]);
  });

  it('"glöm mig" erases the volunteer entry with the rest', async () => {
    const client = conversation();
    await turn(client, 'Jag vill anmäla mig som volontär');
    await fillIn(client, 'Kim Berg');
    await turn(client, 'yes');
    await turn(client, 'glöm mig');
    await turn(client, 'yes');
    expect(await entryOf(client)).toBeUndefined();
  });

  it('a volunteer answers a call-out with its button, or with a plain "ja" when nothing else is asked; the reply says what became of it', async () => {
    const client = conversation();
    await turn(client, 'Jag vill anmäla mig som volontär');
    await fillIn(client, 'Kim Berg');
    await turn(client, 'yes');
    const input = { title: 'Köra matkassar', area: 'faringso', skills: ['driving'], count: 1, startsAt: new Date('2026-12-05T09:00:00Z'), crisis: false };
    const first = await register.createNeed(input, 'volontarsamordning', 'coordinator');
    await register.callOut(first.id, 30, NOW);
    const mine = (await entryOf(client))!.id;
    const asked = (await register.need(first.id)).callOuts.find((callOut) => callOut.volunteer?.id === mine);
    expect(texts(await turn(client, callOutButton(asked!.id, true)))[0]).toBe(say('accepted'));
    expect((await register.need(first.id)).need.status).toBe('filled');
    // Pressed again: the first answer stands.
    expect(texts(await turn(client, callOutButton(asked!.id, false)))[0]).toBe(say('alreadyAnswered'));

    const second = await register.createNeed({ ...input, title: 'Bära ved' }, 'volontarsamordning', 'coordinator');
    await register.callOut(second.id, 30, NOW);
    await turn(client, 'hej');
    expect(texts(await turn(client, 'nej'))[0]).toBe(say('declined'));
    expect((await register.need(second.id)).callOuts.find((callOut) => callOut.volunteer?.id === mine)).toMatchObject({ status: 'declined' });
  });

  it('a call-out button from someone else’s chat answers nothing', async () => {
    const client = conversation();
    await turn(client, 'Jag vill anmäla mig som volontär');
    await fillIn(client, 'Kim Berg');
    await turn(client, 'yes');
    const need = await register.createNeed(
      { title: 'Handla', area: 'faringso', skills: ['errands'], count: 1, startsAt: new Date('2026-12-05T09:00:00Z'), crisis: false },
      'volontarsamordning',
      'coordinator',
    );
    await register.callOut(need.id, 30, NOW);
    const mine = (await entryOf(client))!.id;
    const asked = (await register.need(need.id)).callOuts.find((callOut) => callOut.volunteer?.id === mine);
    const stranger = conversation();
    expect(texts(await turn(stranger, callOutButton(asked!.id, true)))[0]).toBe(say('alreadyAnswered'));
    expect((await register.need(need.id)).callOuts.find((callOut) => callOut.id === asked!.id)).toMatchObject({ status: 'asked' });
  });

  it('someone who volunteers with Väntjänsten is handed over to it, then offered the register too', async () => {
    const client = conversation();
    const opening = texts(await turn(client, 'Jag vill bli volontär i Väntjänsten'));
    expect(opening.at(-1)).toContain('Väntjänsten');
    expect(expecting((await turn(client, 'yes')).at(-1))).toBe('consent');
    await turn(client, 'yes');
    await turn(client, 'Kim Berg');
    await turn(client, 'phone');
    await turn(client, '070-123 45 67');
    await turn(client, 'timeMorning');
    await turn(client, 'skip');
    const registered = await turn(client, 'yes');
    expect(texts(registered).some((text) => /LOTS-\d{4}-\d{6}/.test(text))).toBe(true);
    expect(registered.at(-1)!.text).toBe(say('offerRegister'));
    expect(await database.prisma.handoff.count({ where: { conversationId: conversationIdOf(client), routeId: 'volontar.vantjanst', need: 'volunteer' } })).toBe(
      1,
    );
    expect(buttons((await turn(client, 'yes')).at(-1))).toEqual(settings.skills.map((skill) => skill.id));
  });
});
