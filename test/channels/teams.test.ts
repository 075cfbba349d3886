import { randomUUID } from 'node:crypto';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { ScriptedConnector, type ConnectorAttempt } from '../support/scripted-connector';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

const CHANNEL_A = '19:anhorig-channel@thread.tacv2';
const CHANNEL_B = '19:kontaktcenter-channel@thread.tacv2';

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
    posted.conversationId === conversationId && JSON.stringify(posted.activity.attachments ?? []).includes(reference);

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { NOTIFIER: 'teams' });
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
      (posted) => posted.conversationId === CHANNEL_A && (posted.activity.text ?? '').includes(`${reference} · anhoriglanken · claimed (Anna Staff)`),
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
