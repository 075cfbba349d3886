import { ConfigurationBotFrameworkAuthentication, DeliveryModes, type Activity } from 'botbuilder';
import { LazyClientsAuthentication } from '../../src/channels/lazy-clients';

const settings = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' };
const activity = (deliveryMode?: string): Activity =>
  ({
    type: 'message',
    text: 'hej',
    channelId: 'webchat',
    serviceUrl: 'https://smba.example',
    conversation: { id: 'c1' },
    ...(deliveryMode ? { deliveryMode } : {}),
  }) as Activity;

describe('the per-turn Bot Framework clients, made only when a turn uses them', () => {
  const sent: unknown[][] = [];
  const made = { connector: 0, token: 0 };
  const connector = { conversations: { sendToConversation: async (...args: unknown[]) => (sent.push(args), { id: 'sent-1' }) } };
  const tokens = { getUserToken: async (...args: unknown[]) => ({ token: `token for ${String(args[0])}` }) };
  beforeEach(() => {
    sent.length = 0;
    made.connector = 0;
    made.token = 0;
    jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest').mockResolvedValue({
      audience: 'https://api.botframework.com',
      claimsIdentity: { isAuthenticated: false, claims: [] } as never,
      connectorFactory: { create: async () => (made.connector++, connector as never) },
    });
    jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient').mockImplementation(async () => (made.token++, tokens as never));
  });
  afterEach(() => jest.restoreAllMocks());

  it('when a turn answers in the HTTP response (expectReplies), then its connector client is made only when it is called, once', async () => {
    const authentication = new LazyClientsAuthentication(settings);
    const result = await authentication.authenticateRequest(activity(DeliveryModes.ExpectReplies), '');
    const client = (await result.connectorFactory!.create('https://smba.example')) as unknown as typeof connector;
    expect(made.connector).toBe(0);
    expect(await client.conversations.sendToConversation('c1', { text: 'a' })).toEqual({ id: 'sent-1' });
    await client.conversations.sendToConversation('c1', { text: 'b' });
    expect(made.connector).toBe(1);
    expect(sent).toEqual([
      ['c1', { text: 'a' }],
      ['c1', { text: 'b' }],
    ]);
  });

  it("when a turn replies through the connector (Teams, Azure channels), then its factory is botbuilder's own", async () => {
    const result = await new LazyClientsAuthentication(settings).authenticateRequest(activity(), '');
    await result.connectorFactory!.create('https://smba.example');
    expect(made.connector).toBe(1);
  });

  it('when a turn never signs anyone in, then no user token client is made; a call makes it', async () => {
    const client = await new LazyClientsAuthentication(settings).createUserTokenClient({ isAuthenticated: false, claims: [] } as never);
    expect(made.token).toBe(0);
    expect(await client.getUserToken('anna', 'connection', 'webchat', '')).toEqual({ token: 'token for anna' });
    expect(made.token).toBe(1);
  });
});
