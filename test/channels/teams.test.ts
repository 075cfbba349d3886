import { randomUUID } from 'node:crypto';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { ScriptedConnector, type ConnectorAttempt } from '../support/scripted-connector';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

const CHANNEL_A = '19:anhorig-channel@thread.tacv2';
const CHANNEL_B = '19:kontaktcenter-channel@thread.tacv2';
const STAFF_TOKEN = 'a-development-token-for-the-tab';

describe('staff in Teams', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let connector: ScriptedConnector;

  const fromTeams = (conversationId: string, extra: Record<string, unknown>, who = { id: '29:anna', name: 'Anna Staff', aadObjectId: 'aad-anna' }) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true },
    from: who,
    recipient: { id: '28:lotsen', name: 'Lotsen' },
    channelData: { channel: { id: conversationId.split(';')[0] }, team: { id: 'team-1' } },
    ...extra,
  });
  const say = (conversationId: string, text: string) =>
    postActivity(
      running.baseUrl,
      fromTeams(conversationId, {
        type: 'message',
        text: `<at>Lotsen</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>Lotsen</at>', mentioned: { id: '28:lotsen', name: 'Lotsen' } }],
      }),
    );
  const act = async (conversationId: string, verb: string, data: Record<string, unknown>, who?: { id: string; name: string; aadObjectId: string }) => {
    const response = await postActivity(
      running.baseUrl,
      fromTeams(
        conversationId,
        { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } },
        who,
      ),
    );
    return response.body as {
      statusCode: number;
      type: string;
      value: { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; code?: string; message?: string };
    };
  };
  const cardText = (card: { body: { text?: string; facts?: { title: string; value: string }[] }[] }) =>
    card.body.flatMap((block) => [block.text ?? '', ...(block.facts ?? []).map((fact) => `${fact.title}: ${fact.value}`)]).join('\n');
  const isCardIn = (conversationId: string, reference: string) => (posted: ConnectorAttempt) =>
    !posted.updatedActivityId && posted.conversationId === conversationId && JSON.stringify(posted.activity.attachments ?? []).includes(reference);
  /** A resident hands over a case for anhörigkonsulenten by chat: its id and reference. */
  const registerByChat = async (name: string) => {
    const conversation = `resident-${randomUUID()}`;
    let confirmation: unknown;
    for (const said of ['hej', 'anhoriglanken', 'ja', 'ja', name, 'phone', '070-123 45 67', 'timeMorning', 'skip', 'ja'])
      confirmation = (await postActivity(running.baseUrl, message(said, conversation))).body;
    return (confirmation as { activities: { channelData?: { lotsen?: { handoff?: { id: string; reference: string } } } }[] }).activities.find(
      (activity) => activity.channelData?.lotsen?.handoff,
    )!.channelData!.lotsen!.handoff!;
  };
  /** The staff tab's calls: the staff API with the development token. */
  const tab = async (path: string, body?: unknown) => {
    const response = await fetch(`${running.baseUrl}${path}`, {
      ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}),
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
    });
    return {
      status: response.status,
      body: (await response.json()) as { version: number; display: { status: string; history: { text: string }[] }; changedBy?: string },
    };
  };

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { NOTIFIER: 'teams', STAFF_DEV_TOKEN: STAFF_TOKEN });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
    await connector.stop();
  });

  it('when staff link, a resident registers, staff claim and reroute, then cards land in the right channels and the database follows', async () => {
    await say(CHANNEL_A, 'koppla anhorigkonsulent');
    await connector.waitForPost((posted) => posted.conversationId === CHANNEL_A && /Klart: anhörigkonsulenten/.test(posted.activity.text ?? ''));
    await say(CHANNEL_A, 'koppla finns-inte');
    await connector.waitForPost((posted) => /Okänd instans "finns-inte". Giltiga: socialkontoret/.test(posted.activity.text ?? ''));

    // A resident hands over a case on another channel.
    const conversation = `resident-${randomUUID()}`;
    let confirmation: unknown;
    for (const said of ['hej', 'anhoriglanken', 'ja', 'ja', 'Anna Andersson', 'phone', '070-123 45 67', 'timeMorning', 'skip', 'ja'])
      confirmation = (await postActivity(running.baseUrl, message(said, conversation))).body;
    const { id: handoffId, reference } = (
      confirmation as { activities: { channelData?: { lotsen?: { handoff?: { id: string; reference: string } } } }[] }
    ).activities.find((activity) => activity.channelData?.lotsen?.handoff)!.channelData!.lotsen!.handoff!;

    const card = await connector.waitForPost(isCardIn(CHANNEL_A, reference));
    expect(card.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.activity.attachments)).toContain('handoff.claim');

    const claimed = await act(`${CHANNEL_A};messageid=1`, 'handoff.claim', { handoffId });
    expect(claimed).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(claimed.value)).toMatch(/Status: Tagen \(Anna Staff\)/);
    expect(await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).toMatchObject({
      status: 'claimed',
      claimedBy: 'Anna Staff',
      claimedById: 'aad-anna',
    });
    await say(CHANNEL_A, 'mina ärenden');
    await connector.waitForPost(
      (posted) =>
        posted.conversationId === CHANNEL_A &&
        (posted.activity.text ?? '').includes(`${reference} · Anhöriglänken – stöd när du hjälper en närstående · Tagen (Anna Staff)`),
    );

    const late = await act(`${CHANNEL_A};messageid=1`, 'handoff.claim', { handoffId }, { id: '29:bo', name: 'Bo Staff', aadObjectId: 'aad-bo' });
    expect(cardText(late.value)).toMatch(/Redan taget av Anna Staff/);

    // From a channel not linked to the handoff's instance: refused, nothing changes.
    const stranger = await act(`${CHANNEL_B};messageid=9`, 'handoff.contacted', { handoffId });
    expect(stranger).toMatchObject({ statusCode: 403, value: { code: 'NOT_LINKED', message: expect.stringMatching(/inte kopplad/) } });
    expect(JSON.stringify(stranger)).not.toMatch(/Anna Andersson|070/);
    expect((await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).status).toBe('claimed');

    await say(CHANNEL_B, 'koppla kontaktcenter');
    const rerouted = await act(`${CHANNEL_A};messageid=1`, 'handoff.reroute', { handoffId, instanceId: 'kontaktcenter' });
    expect(cardText(rerouted.value)).toMatch(/Instans: kommunens kontaktcenter/);
    expect(await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).toMatchObject({
      status: 'registered',
      instanceId: 'kontaktcenter',
      claimedBy: null,
    });
    await connector.waitForPost(isCardIn(CHANNEL_B, reference));
    // The card left in the first channel says where the case went, and offers nothing to press there.
    const leftBehind = await connector.waitForPost(
      (posted) =>
        posted.updatedActivityId === card.id &&
        JSON.stringify(posted.activity.attachments).includes('Ärendet har skickats vidare till kommunens kontaktcenter'),
    );
    expect(leftBehind.conversationId).toBe(CHANNEL_A);
    expect((leftBehind.activity.attachments![0]!.content as { actions: unknown[] }).actions).toEqual([]);
  });

  it('when a case is claimed in the tab, then its card in Teams changes; when it is acted on by the card, then the tab shows it; the history says where it went', async () => {
    const { id, reference } = await registerByChat('Cecilia Ek');
    const card = await connector.waitForPost(isCardIn(CHANNEL_A, reference));
    const before = await tab(`/api/staff/handoffs/${id}`);
    expect(before.body.display.history.map((line) => line.text)).toContain('Avisering: kortet visades i Teams-kanalen för anhörigkonsulenten');

    const claimed = await tab(`/api/staff/handoffs/${id}/actions`, { type: 'claim', version: before.body.version });
    expect(claimed).toMatchObject({ status: 200, body: { display: { status: 'Tagen (Development)' } } });
    // The card posted in the channel is replaced by one that says who has the case.
    const updated = await connector.waitForPost(
      (posted) => posted.updatedActivityId === card.id && JSON.stringify(posted.activity.attachments).includes('Tagen (Development)'),
    );
    expect(updated.conversationId).toBe(CHANNEL_A);

    const contacted = await act(`${CHANNEL_A};messageid=${card.id}`, 'handoff.contacted', { handoffId: id });
    expect(cardText(contacted.value)).toMatch(/Status: Kontaktad/);
    const after = await tab(`/api/staff/handoffs/${id}`);
    expect(after.body.display.status).toBe('Kontaktad (Development)');
    expect(after.body.display.history.map((line) => line.text)).toEqual(
      expect.arrayContaining(['Taget av Development', 'Markerat som kontaktad av Anna Staff']),
    );

    // An action on what the person saw, after someone else changed it: refused, with who.
    const stale = await tab(`/api/staff/handoffs/${id}/actions`, { type: 'close', version: before.body.version, outcome: 'resolved' });
    expect(stale).toMatchObject({ status: 409, body: { changedBy: 'Anna Staff', handoff: { display: { status: 'Kontaktad (Development)' } } } });
  });

  it('when a case is claimed on the card and in the tab at the same moment, then exactly one wins and the other is told who has it', async () => {
    const { id, reference } = await registerByChat('Dan Ek');
    await connector.waitForPost(isCardIn(CHANNEL_A, reference));
    const { version } = (await tab(`/api/staff/handoffs/${id}`)).body;
    const [fromCard, fromTab] = await Promise.all([
      act(`${CHANNEL_A};messageid=1`, 'handoff.claim', { handoffId: id }, { id: '29:bo', name: 'Bo Staff', aadObjectId: 'aad-bo' }),
      tab(`/api/staff/handoffs/${id}/actions`, { type: 'claim', version }),
    ]);
    const row = await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id } });
    const cardWon = !/Redan taget|ändrats under tiden/.test(cardText(fromCard.value));
    const tabWon = fromTab.status === 200;
    expect(cardWon !== tabWon).toBe(true);
    expect(row.claimedBy).toBe(cardWon ? 'Bo Staff' : 'Development');
    if (!tabWon) expect(fromTab).toMatchObject({ status: 409, body: { changedBy: 'Bo Staff' } });
    else expect(cardText(fromCard.value)).toMatch(/Redan taget av Development|ändrats under tiden/);
    expect(await running.app.database.prisma.handoffEvent.count({ where: { handoffId: id, type: 'claim' } })).toBe(1);
  });

  it('when Teams answers 429, then the card is posted after Retry-After, once', async () => {
    connector.answer([{ status: 429, retryAfterSeconds: 1 }], () => true);
    const conversation = `resident-${randomUUID()}`;
    let confirmation: unknown;
    for (const said of ['hej', 'anhoriglanken', 'ja', 'ja', 'Bo', 'phone', '0701234567', 'timeAnytime', 'skip', 'ja'])
      confirmation = (await postActivity(running.baseUrl, message(said, conversation))).body;
    const { reference } = (confirmation as { activities: { channelData?: { lotsen?: { handoff?: { reference: string } } } }[] }).activities.find(
      (activity) => activity.channelData?.lotsen?.handoff,
    )!.channelData!.lotsen!.handoff!;
    await connector.waitForPost(isCardIn(CHANNEL_A, reference), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(connector.posted.filter(isCardIn(CHANNEL_A, reference))).toHaveLength(1);
  });
});
