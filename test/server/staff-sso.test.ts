import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import type { HandoffView } from '../../src/domain/handoff/handoff';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { CLIENT_ID, LocalEntra, TENANT_ID } from '../support/entra-keys';
import { handoffDraft } from '../support/handoff-drafts';
import { startApp, type RunningApp } from '../support/test-app';

const SARA = '00000000-0000-4000-8000-0000000000aa'; // mapped to anhorigkonsulent as a user
const OLLE = '00000000-0000-4000-8000-0000000000bb'; // in the Idélabbet group
const NOBODY = '00000000-0000-4000-8000-0000000000cc';
const IDELABBET_GROUP = '00000000-0000-4000-8000-00000000a001';

const STAFF_ACCESS = `
admins:
  users: []
instances:
  anhorigkonsulent:
    users: [${SARA}]
  idelabbet:
    groups: [${IDELABBET_GROUP}]
`;

describe.each(databaseKinds)('staff sign-in with Entra ID tokens on $name', (kind) => {
  let testDatabase: TestDatabase;
  let entra: LocalEntra;
  let running: RunningApp;
  let claimedBySara: string;
  const get = (route: string, token: string) => fetch(`${running.baseUrl}${route}`, { headers: { authorization: `Bearer ${token}` } });
  const listed = async (route: string, token: string) => ((await (await get(route, token)).json()) as { handoffs: HandoffView[] }).handoffs;

  beforeAll(async () => {
    testDatabase = await kind.create();
    entra = await LocalEntra.start();
    const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-access-'));
    writeFileSync(path.join(folder, 'staff-access.yaml'), STAFF_ACCESS);
    running = await startApp(testDatabase.url, {
      ENTRA_TENANT_ID: TENANT_ID,
      ENTRA_AUDIENCE: CLIENT_ID,
      ENTRA_JWKS_URL: entra.jwksUrl,
      STAFF_ACCESS_PATH: path.join(folder, 'staff-access.yaml'),
      BACKGROUND_JOBS: 'off',
    });
    const handoffs = new PrismaHandoffRepository(running.app.database.prisma);
    claimedBySara = (await handoffs.register(handoffDraft())).id;
    await handoffs.register(handoffDraft());
    await handoffs.register(handoffDraft({ routeId: 'idelabbet', instanceId: 'idelabbet' }));
    await handoffs.apply(claimedBySara, { action: { type: 'claim', by: 'Sara Staff', byId: SARA }, at: new Date() });
  });
  afterAll(async () => {
    await running.stop();
    await entra.stop();
    await testDatabase.dispose();
  });

  it('when a valid token of a mapped user is sent, then only that user’s instance’s handoffs come back', async () => {
    const handoffs = await listed('/api/staff/handoffs', await entra.token({ oid: SARA }));
    expect(handoffs.map((handoff) => handoff.instanceId)).toEqual(['anhorigkonsulent', 'anhorigkonsulent']);
  });

  it('when a member of a mapped group asks, then they see the group’s instance, and another instance is 403', async () => {
    const token = await entra.token({ oid: OLLE, groups: [IDELABBET_GROUP, '00000000-0000-4000-8000-00000000ffff'] });
    expect((await listed('/api/staff/handoffs', token)).map((handoff) => handoff.instanceId)).toEqual(['idelabbet']);
    expect((await get('/api/staff/handoffs?instanceId=anhorigkonsulent', token)).status).toBe(403);
    expect((await get(`/api/staff/handoffs/${claimedBySara}`, token)).status).toBe(404);
  });

  it('when a valid token of a person mapped to no instance is sent, then every staff endpoint answers 403', async () => {
    const token = await entra.token({ oid: NOBODY, groups: ['00000000-0000-4000-8000-00000000ffff'] });
    for (const route of ['/api/staff/handoffs', '/api/staff/statistics', '/api/staff/me', `/api/staff/handoffs/${claimedBySara}`]) {
      const response = await get(route, token);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('not mapped') } });
    }
  });

  it('when the token carries the admin app role, then every instance’s handoffs come back', async () => {
    const token = await entra.token({ oid: NOBODY, roles: ['Lotsen.Admin'] });
    expect(new Set((await listed('/api/staff/handoffs', token)).map((handoff) => handoff.instanceId))).toEqual(new Set(['anhorigkonsulent', 'idelabbet']));
    expect(await (await get('/api/staff/me', token)).json()).toEqual({ id: NOBODY, name: 'Sara Staff', instances: 'all' });
  });

  it('when staff ask for their own handoffs, then only those they claimed come back (by object id, not name)', async () => {
    expect((await listed('/api/staff/handoffs?mine=true', await entra.token({ oid: SARA }))).map((handoff) => handoff.id)).toEqual([claimedBySara]);
    expect(await listed('/api/staff/handoffs?mine=true', await entra.token({ oid: NOBODY, name: 'Sara Staff', roles: ['Lotsen.Admin'] }))).toEqual([]);
  });

  it.each([
    ['for another audience', () => entra.token({ oid: SARA }, { audience: 'api://someone-else' })],
    ['from another tenant', () => entra.token({ oid: SARA }, { tenantId: '22222222-2222-4222-8222-222222222222' })],
    ['with the right issuer but another tenant id claim', () => entra.token({ oid: SARA, tid: '22222222-2222-4222-8222-222222222222' })],
    ['that expired', () => entra.token({ oid: SARA }, { expiresAt: Math.floor(Date.now() / 1000) - 600 })],
    ['signed with another key', async () => entra.token({ oid: SARA }, { key: (await generateKeyPair('RS256')).privateKey })],
    ['that is a v1 token', () => entra.token({ oid: SARA, ver: '1.0' })],
    ['without an object id', () => entra.token({ oid: undefined })],
    [
      'that is app-only, with the admin role (a script, not a person)',
      () => entra.token({ oid: NOBODY, roles: ['Lotsen.Admin'], scp: undefined, idtyp: 'app' }),
    ],
    ['without the scopes a person consented to', () => entra.token({ oid: NOBODY, roles: ['Lotsen.Admin'], scp: undefined })],
    ['that is not a JWT', async () => 'not-a-token'],
  ])('when a token %s is sent, then the answer is 401 and nothing is shown', async (_case, makeToken) => {
    const response = await get('/api/staff/handoffs', await makeToken());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });
});
