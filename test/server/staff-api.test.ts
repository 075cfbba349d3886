import { databaseKinds, type TestDatabase } from '../support/databases';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

const TOKEN = 'a-development-token-for-tests';

describe.each(databaseKinds)('the staff API on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let handoffId: string;
  let reference: string;
  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${running.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url, { STAFF_DEV_TOKEN: TOKEN });
    // A resident registers a handoff through /api/messages, the way every channel does.
    const conversation = `staff-api-${kind.name}`;
    let confirmation: unknown;
    for (const said of ['hej', 'anhoriglanken', 'ja', 'ja', 'Anna Andersson', 'phone', '070-123 45 67', 'timeMorning', 'Min mamma har demens', 'ja']) {
      confirmation = (await postActivity(running.baseUrl, message(said, conversation))).body;
    }
    const activities = (confirmation as { activities: { channelData?: { lotsen?: { handoff?: { id: string; reference: string } } } }[] }).activities;
    ({ id: handoffId, reference } = activities.find((activity) => activity.channelData?.lotsen?.handoff)!.channelData!.lotsen!.handoff!);
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });

  it('when no or a wrong token is sent, then the answer is 401 and no handoff is shown', async () => {
    for (const token of [null, 'wrong-token-of-some-length']) {
      const response = await get('/api/staff/handoffs', token);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    }
  });

  it('when staff list handoffs, then the registered one is there, newest first, in the shape of CONTRACTS.md', async () => {
    const response = await get('/api/staff/handoffs');
    expect(response.status).toBe(200);
    const { handoffs } = (await response.json()) as { handoffs: Record<string, unknown>[] };
    expect(handoffs[0]).toMatchObject({
      id: handoffId,
      reference,
      routeId: 'anhoriglanken',
      instanceId: 'anhorigkonsulent',
      channel: 'webchat',
      language: 'sv',
      contact: { name: 'Anna Andersson', phone: '+46701234567', preferredTime: 'Förmiddag' },
      summary: 'Min mamma har demens',
    });
    expect((handoffs[0]!.events as unknown[])[0]).toEqual({
      type: 'registered',
      actor: 'webchat:person',
      at: expect.any(String),
      details: { routeId: 'anhoriglanken', instanceId: 'anhorigkonsulent' },
    });
    expect(typeof handoffs[0]!.slaDueAt).toBe('string');
  });

  it('when the outbox has run, then the handoff is notified', async () => {
    const deadline = Date.now() + 10_000;
    let status = '';
    while (status !== 'notified' && Date.now() < deadline) {
      status = ((await (await get(`/api/staff/handoffs/${handoffId}`)).json()) as { status: string }).status;
      if (status !== 'notified') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe('notified');
  });

  it('when filtered, then only matching handoffs come back; a bad filter is a 400', async () => {
    const byRoute = (await (await get('/api/staff/handoffs?routeId=idelabbet')).json()) as { handoffs: unknown[] };
    expect(byRoute.handoffs).toEqual([]);
    const byInstance = (await (await get('/api/staff/handoffs?instanceId=anhorigkonsulent')).json()) as { handoffs: { id: string }[] };
    expect(byInstance.handoffs.map((handoff) => handoff.id)).toContain(handoffId);
    expect((await get('/api/staff/handoffs?status=lost')).status).toBe(400);
  });

  it('when staff ask for statistics, then the registered handoff is counted; a bad period is a 400', async () => {
    const response = await get('/api/staff/statistics');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 1, perWeek: [{ routeId: 'anhoriglanken', instanceId: 'anhorigkonsulent', count: 1 }] });
    expect((await get('/api/staff/statistics?from=2026-12-01&to=2026-01-01')).status).toBe(400);
    expect((await get('/api/staff/statistics', null)).status).toBe(401);
  });

  it('when one handoff is asked for, then it comes back; an unknown or malformed id is a 404', async () => {
    expect(((await (await get(`/api/staff/handoffs/${handoffId}`)).json()) as { reference: string }).reference).toBe(reference);
    expect((await get('/api/staff/handoffs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await get('/api/staff/handoffs/not-an-id')).status).toBe(404);
  });
});
