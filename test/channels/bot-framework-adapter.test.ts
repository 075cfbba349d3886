import { CloudAdapter, ConversationState, DeliveryModes, MemoryStorage, type Activity } from 'botbuilder';
import pino from 'pino';
import { createBotFrameworkAdapter } from '../../src/channels/bot-framework';

const credentials = { appType: 'MultiTenant' };
const errorDeps = { logger: pino({ level: 'silent' }), conversationState: new ConversationState(new MemoryStorage()), turnErrorText: () => 'Något gick fel' };

const validated = (fields: Partial<Activity> = {}): Activity =>
  ({
    type: 'message',
    text: 'hej',
    channelId: 'webchat',
    deliveryMode: DeliveryModes.ExpectReplies,
    conversation: { id: 'c1' },
    from: { id: 'resident' },
    recipient: { id: 'lotsen' },
    ...fields,
  }) as Activity;

describe('the Bot Framework adapter, given activities the server has validated', () => {
  afterEach(() => jest.restoreAllMocks());

  it('when a turn runs, then it is not validated again by CloudAdapter.process, and its replies are what the HTTP answer carries', async () => {
    const process = jest.spyOn(CloudAdapter.prototype, 'process');
    const adapter = createBotFrameworkAdapter(credentials, errorDeps);
    const answer = await adapter.runTurn('', validated(), async (context) => {
      await context.sendActivity(`du skrev ${context.activity.text}`);
    });
    expect(answer?.status).toBe(200);
    expect((answer?.body as { activities: Activity[] }).activities.map((reply) => reply.text)).toEqual(['du skrev hej']);
    expect(process).not.toHaveBeenCalled();
  });

  it("when the activity's times are strings, then the turn gets them as dates, the strings kept as botbuilder keeps them", async () => {
    const adapter = createBotFrameworkAdapter(credentials, errorDeps);
    const seen: (Partial<Activity> & { rawTimestamp?: string; rawLocalTimestamp?: string })[] = [];
    await adapter.runTurn(
      '',
      validated({ timestamp: '2026-12-02T10:00:00.000Z' as never, localTimestamp: '2026-12-02T11:00:00.000+01:00' as never }),
      async (context) => {
        seen.push({ ...context.activity });
      },
    );
    expect(seen[0]!.timestamp).toEqual(new Date('2026-12-02T10:00:00.000Z'));
    expect(seen[0]!.rawTimestamp).toBe('2026-12-02T10:00:00.000Z');
    expect(seen[0]!.localTimestamp).toEqual(new Date('2026-12-02T10:00:00.000Z'));
    expect(seen[0]!.rawLocalTimestamp).toBe('2026-12-02T11:00:00.000+01:00');
    expect(seen[0]!.expiration).toBeUndefined();
  });
});
