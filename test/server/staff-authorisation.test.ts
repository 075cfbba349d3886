import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { HandoffView } from '../../src/domain/handoff/handoff';
import { mountStaffApi, type StaffHandoffQueries } from '../../src/server/staff-api';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { handoffView } from '../support/handoff-views';

const view = (id: string, instanceId: string): HandoffView => handoffView({ id, instanceId, reference: `LOTS-2026-${id.slice(-6)}`, status: 'registered' });

const stored = [view('11111111-1111-4111-8111-111111111111', 'idelabbet'), view('22222222-2222-4222-8222-222222222222', 'anhorigkonsulent')];

/** The handoffs a query may return, filtered the way the repository filters. */
const queries: StaffHandoffQueries = {
  list: async ({ instanceIds }) => stored.filter((handoff) => !instanceIds || instanceIds.includes(handoff.instanceId)),
  find: async (id) => stored.find((handoff) => handoff.id === id),
  apply: async (id) => ({ ...stored.find((handoff) => handoff.id === id)!, status: 'claimed' }),
};

describe('staff authorisation', () => {
  let server: restify.Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = restify.createServer();
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
    mountStaffApi(server, {
      handoffs: queries,
      catalog: loadCatalogFile(),
      clock: () => new Date(),
      statistics: async (range) => range,
      authenticate: async (token) =>
        token === 'idelabbet-staff-token' ? { id: 'staff:idelabbet', name: 'Idélabbet staff', instances: ['idelabbet'] } : undefined,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const get = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: 'Bearer idelabbet-staff-token' } });

  it('when a member of one instance lists handoffs, then only that instance’s come back', async () => {
    const { handoffs } = (await (await get('/api/staff/handoffs')).json()) as { handoffs: HandoffView[] };
    expect(handoffs.map((handoff) => handoff.instanceId)).toEqual(['idelabbet']);
  });

  it('when they ask for another instance by name, then it is forbidden', async () => {
    expect((await get('/api/staff/handoffs?instanceId=anhorigkonsulent')).status).toBe(403);
  });

  it('when they ask for another instance’s handoff by id, then it does not exist for them', async () => {
    expect((await get(`/api/staff/handoffs/${stored[1]!.id}`)).status).toBe(404);
    expect((await get(`/api/staff/handoffs/${stored[0]!.id}`)).status).toBe(200);
  });

  it('when they act on another instance’s handoff, then it does not exist for them and nothing changes', async () => {
    let applied = 0;
    const original = queries.apply;
    queries.apply = async (...args) => ((applied += 1), original(...args));
    const act = (id: string, body: unknown) =>
      fetch(`${baseUrl}/api/staff/handoffs/${id}/actions`, {
        method: 'POST',
        headers: { authorization: 'Bearer idelabbet-staff-token', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await act(stored[1]!.id, { type: 'claim', version: 1 })).status).toBe(404);
    expect((await act(stored[0]!.id, { type: 'claim' })).status).toBe(400);
    expect((await act(stored[0]!.id, { type: 'delete', version: 1 })).status).toBe(400);
    expect(applied).toBe(0);
    expect((await act(stored[0]!.id, { type: 'claim', version: 1 })).status).toBe(200);
    expect(applied).toBe(1);
    queries.apply = original;
  });

  it('when they ask for statistics, then they are limited to their instances', async () => {
    expect(await (await get('/api/staff/statistics')).json()).toMatchObject({ instanceIds: ['idelabbet'] });
  });
});
