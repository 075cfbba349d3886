import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Database } from '../../src/storage/database';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { PrismaVolunteerRegister } from '../../src/storage/volunteer-register';
import { mountVolunteerApi } from '../../src/server/volunteer-api';
import { databaseKinds } from '../support/databases';
import { openMigratedDatabase } from '../support/open-test-database';

const settings = loadCatalogFile().volunteers!;
const now = new Date('2026-12-02T08:00:00Z');
const STAFF = {
  'coordinator-token': { id: 'staff:coordinator', name: 'Volontärsamordnare', instances: ['volontarsamordning'] },
  'idelabbet-token': { id: 'staff:idelabbet', name: 'Idélabbet', instances: ['idelabbet'] },
} as const;

describe.each(databaseKinds)('the coordinators’ volunteer API on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let register: PrismaVolunteerRegister;
  let server: restify.Server;
  let baseUrl: string;

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    register = new PrismaVolunteerRegister(database.prisma, settings, 'Europe/Stockholm');
    server = restify.createServer();
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
    mountVolunteerApi(server, { register, settings, clock: () => now, authenticate: async (token) => STAFF[token as keyof typeof STAFF] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let index = 0; index < 12; index += 1)
      await register.register(
        {
          conversationId: `telegram:api-${kind.name}-${index}`,
          channel: 'telegram',
          language: 'sv',
          name: `Volontär ${index}`,
          skills: index % 2 === 0 ? ['driving', 'errands'] : ['visits'],
          areas: ['faringso'],
          times: ['weekends'],
          reachBy: 'app',
          consentVersion: settings.consentVersion,
        },
        now,
      );
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  });

  const call = async (method: string, path: string, body?: unknown, token = 'coordinator-token') => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { callOuts?: { id: string; status: string }[] } };
  };
  const drivingOnSaturday = { title: 'Köra matkassar', area: 'faringso', skills: ['driving'], count: 2, startsAt: '2026-12-05T10:00:00+01:00' };

  it('only coordinators see the register and needs; others are refused, and nobody without a token', async () => {
    expect((await call('GET', '/api/staff/volunteers', undefined, 'idelabbet-token')).status).toBe(403);
    expect((await call('POST', '/api/staff/volunteer-needs', drivingOnSaturday, 'idelabbet-token')).status).toBe(403);
    expect((await call('GET', '/api/staff/volunteer-needs', undefined, 'nobody')).status).toBe(401);
    const { status, body } = await call('GET', '/api/staff/volunteers?skill=driving&area=faringso&available=weekends');
    expect(status).toBe(200);
    expect((body.volunteers as unknown[]).length).toBe(6);
  });

  it('refuses a need with an area or skill the catalog does not have, or no places, naming the field', async () => {
    const bad = await call('POST', '/api/staff/volunteer-needs', { ...drivingOnSaturday, area: 'stockholm' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Invalid need: area must be one of the catalog's areas/) },
    });
    expect((await call('POST', '/api/staff/volunteer-needs', { ...drivingOnSaturday, skills: ['juggling'] })).status).toBe(400);
    expect((await call('POST', '/api/staff/volunteer-needs', { ...drivingOnSaturday, count: 0 })).status).toBe(400);
  });

  it('creates a need, calls out three times its places by default, shows every answer, and refuses a call-out once it is cancelled', async () => {
    const created = await call('POST', '/api/staff/volunteer-needs', drivingOnSaturday);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', count: 2, instanceId: 'volontarsamordning', createdBy: 'Volontärsamordnare' });
    const id = created.body.id as string;
    expect((await call('GET', `/api/staff/volunteer-needs/${id}`)).body).toMatchObject({ askable: 6 });
    const calledOut = await call('POST', `/api/staff/volunteer-needs/${id}/call-out`, {});
    expect(calledOut.status).toBe(200);
    // Six can drive, and three times two places is six.
    expect(calledOut.body).toMatchObject({ asked: 6, answers: { asked: 6 } });
    const [first] = calledOut.body.callOuts!;
    await register.answer(first!.id, true, now);
    const shown = await call('GET', `/api/staff/volunteer-needs/${id}`);
    // Every driver was asked: nobody more can be.
    expect(shown.body).toMatchObject({ answers: { accepted: 1, asked: 5 }, askable: 0 });
    expect(shown.body.callOuts!.find((callOut) => callOut.id === first!.id)).toMatchObject({ status: 'accepted', volunteer: { name: expect.any(String) } });
    expect((await call('POST', `/api/staff/volunteer-needs/${id}/cancel`)).body).toMatchObject({ status: 'cancelled' });
    const refused = await call('POST', `/api/staff/volunteer-needs/${id}/call-out`, { count: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'VOLUNTEER.NEED_CLOSED' }, status: 'cancelled' });
    const listed = await call('GET', '/api/staff/volunteer-needs');
    expect((listed.body.needs as { id: string }[]).map((need) => need.id)).toContain(id);
    expect((await call('GET', '/api/staff/volunteer-needs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // The register in numbers: by area and skill, and how the needs ended.
    const statistics = await call('GET', '/api/staff/volunteer-statistics');
    expect(statistics.body).toMatchObject({
      volunteers: { active: 12, paused: 0, byArea: { faringso: 12, adelso: 0 }, bySkill: { driving: 6, visits: 6 } },
      needs: { open: 0, cancelled: 1, filled: 0, medianHoursToFill: null },
    });
    expect((await call('GET', '/api/staff/volunteer-statistics', undefined, 'idelabbet-token')).status).toBe(403);
  });
});
