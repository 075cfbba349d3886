import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { handoffDraft } from '../support/handoff-drafts';
import { ScriptedConnector } from '../support/scripted-connector';
import { postActivity, startApp, type RunningApp } from '../support/test-app';

const TENANT = '6f1c2b7a-0d3e-4c59-9a1f-2b8e4d6c0a11';
const OTHER_TENANT = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const ANNA = '11111111-1111-4111-8111-111111111111'; // mapped to anhorigkonsulent
const ADMIN = '22222222-2222-4222-8222-222222222222';
const BO = '33333333-3333-4333-8333-333333333333'; // in the tenant, mapped to nothing
const CHANNEL = '19:linking-channel@thread.tacv2';
const UNLINKED_CHANNEL = '19:unlinked-channel@thread.tacv2';

/**
 * Whoever links a Teams channel to an instance receives every future handoff of it: names,
 * phone numbers, what residents wrote. Only the municipality's own staff, mapped to the
 * instance (or administrators), may do it.
 */
describe('who may link a Teams channel, with a tenant and a staff access file', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let connector: ScriptedConnector;

  const fromTeams = (aadObjectId: string, tenantId: string, extra: Record<string, unknown>, channel = CHANNEL) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId },
    from: { id: `29:${aadObjectId}`, name: 'Someone', aadObjectId },
    recipient: { id: '28:lotsen', name: 'Lotsen' },
    channelData: { channel: { id: channel }, team: { id: 'team-1' }, tenant: { id: tenantId } },
    ...extra,
  });
  const mention = (text: string) => ({
    type: 'message',
    text: `<at>Lotsen</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Lotsen</at>', mentioned: { id: '28:lotsen', name: 'Lotsen' } }],
  });
  /** Says something to the bot and returns its answer in that conversation. */
  const ask = async (activity: { conversation: { id: string } }) => {
    const since = performance.now();
    await postActivity(running.baseUrl, activity);
    return (await connector.waitForPost((posted) => posted.conversationId === activity.conversation.id && posted.at > since)).activity.text ?? '';
  };
  const link = (aadObjectId: string, instanceId: string, tenantId = TENANT) => ask(fromTeams(aadObjectId, tenantId, mention(`koppla ${instanceId}`)));
  const inPersonalChat = (aadObjectId: string, text: string) => ({
    ...fromTeams(aadObjectId, TENANT, { type: 'message', text }),
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  const linkedInstances = async () =>
    (await running.app.database.prisma.teamsChannelLink.findMany({ where: { channelConversationId: CHANNEL, replacedAt: null } }))
      .map((row) => row.instanceId)
      .sort();
  const audit = (kind: string) => running.app.database.prisma.auditEvent.findMany({ where: { kind }, orderBy: { at: 'asc' } });

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    testDatabase = await databaseKinds[0]!.create();
    const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-access-'));
    const accessFile = path.join(folder, 'staff-access.yaml');
    writeFileSync(accessFile, `admins:\n  users: [${ADMIN}]\ninstances:\n  anhorigkonsulent:\n    users: [${ANNA}]\n`);
    running = await startApp(testDatabase.url, {
      NOTIFIER: 'teams',
      ENTRA_TENANT_ID: TENANT,
      ENTRA_AUDIENCE: 'api://lotsen.test/app',
      ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys',
      STAFF_ACCESS_PATH: accessFile,
    });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
    await connector.stop();
  });

  it('when someone of another tenant tries to link an instance, then it is refused, nothing is linked, and the attempt is recorded', async () => {
    const answer = await link(ADMIN, 'anhorigkonsulent', OTHER_TENANT);
    expect(answer).toMatch(/bara emot meddelanden från kommunens egen organisation/);
    expect(await linkedInstances()).toEqual([]);
    expect(await audit('teams.tenant.refused')).toEqual([expect.objectContaining({ actorId: ADMIN, tenantId: OTHER_TENANT })]);
  });

  it('when a person of the tenant who is not mapped to the instance tries, then it is refused with a clear answer and recorded', async () => {
    const answer = await link(BO, 'anhorigkonsulent');
    expect(answer).toMatch(/Du kan inte koppla anhörigkonsulenten hit/);
    expect(await linkedInstances()).toEqual([]);
    expect(await audit('teams.link.refused')).toEqual([
      expect.objectContaining({ actorId: BO, tenantId: TENANT, details: { instanceId: 'anhorigkonsulent', channel: CHANNEL } }),
    ]);
  });

  it('when staff mapped to the instance link it, then it is linked and recorded; another instance they are not mapped to is refused', async () => {
    expect(await link(ANNA, 'anhorigkonsulent')).toMatch(/^Klart: anhörigkonsulenten/);
    expect(await link(ANNA, 'kontaktcenter')).toMatch(/Du kan inte koppla/);
    expect(await linkedInstances()).toEqual(['anhorigkonsulent']);
    expect(await audit('teams.link')).toEqual([
      expect.objectContaining({ actorId: ANNA, tenantId: TENANT, details: { instanceId: 'anhorigkonsulent', channel: CHANNEL, replaced: false } }),
    ]);
  });

  it('when an administrator links any instance, then it is linked', async () => {
    expect(await link(ADMIN, 'kontaktcenter')).toMatch(/^Klart: kommunens kontaktcenter/);
    expect(await linkedInstances()).toEqual(['anhorigkonsulent', 'kontaktcenter']);
  });

  it('when a card action comes from another tenant, then it is refused with 403 and no card', async () => {
    const response = await postActivity(
      running.baseUrl,
      fromTeams(ANNA, OTHER_TENANT, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'handoff.claim', data: { handoffId: randomUUID() } }, trigger: 'manual' },
      }),
    );
    expect(response.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    expect(JSON.stringify(response.body)).not.toMatch(/AdaptiveCard/);
  });

  describe('the queue ("kö")', () => {
    let references: Record<string, string>;
    beforeAll(async () => {
      const handoffs = new PrismaHandoffRepository(running.app.database.prisma);
      references = {
        anhorigkonsulent: (await handoffs.register(handoffDraft())).reference,
        socialkontoret: (await handoffs.register(handoffDraft({ routeId: 'bidrag.verksamhetsstod', instanceId: 'socialkontoret' }))).reference,
      };
    });

    it('when asked in a channel linked to no instance, then it lists no handoff and says how to link', async () => {
      const answer = await ask(fromTeams(ANNA, TENANT, mention('kö'), UNLINKED_CHANNEL));
      expect(answer).toMatch(/inte kopplad till någon instans/);
      expect(answer).not.toMatch(/LOTS-/);
    });

    it('when asked in a personal chat, then staff see only the handoffs of their own instances, and unmapped people none', async () => {
      const anna = await ask(inPersonalChat(ANNA, 'kö'));
      expect(anna).toContain(references.anhorigkonsulent);
      expect(anna).not.toContain(references.socialkontoret);
      const bo = await ask(inPersonalChat(BO, 'kö'));
      expect(bo).toMatch(/inte behörighet/);
      expect(bo).not.toMatch(/LOTS-/);
    });
  });
});
