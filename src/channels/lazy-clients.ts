import { ConfigurationBotFrameworkAuthentication, DeliveryModes, type Activity } from 'botbuilder';

// botbuilder's own types for what it authenticates and builds (from botframework-connector, which it does not re-export).
type Authentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ClaimsIdentity = Parameters<Authentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * An API client made on its first call rather than at once: each method (`depth` 1) or each
 * group's method (`depth` 2, `client.conversations.replyToActivity`) waits for the client, then
 * calls it. Only asynchronous methods can be reached this way, which is what botbuilder's
 * per-turn clients offer to a turn. Never a thenable itself, so it can be returned from async code.
 */
function madeOnFirstCall<T extends object>(make: () => Promise<T>, depth: 1 | 2): T {
  let client: Promise<T> | undefined;
  const made = () => (client ??= make());
  const level = (path: readonly string[]): object =>
    new Proxy(
      {},
      {
        get: (_target, name) => {
          if (typeof name !== 'string' || name === 'then') return undefined;
          if (path.length + 1 < depth) return level([...path, name]);
          return (...args: unknown[]) =>
            made().then((real) => {
              const owner = path.reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, real as Record<string, unknown>);
              return (owner[name] as Method).apply(owner, args);
            });
        },
      },
    );
  return level([]) as T;
}

/**
 * Bot Framework authentication whose per-turn clients are made only when the turn uses them.
 * botbuilder builds a connector client (to send replies) and a user token client (for sign-in
 * prompts) for every turn, each with its own HTTP pipeline: about 5 % of a turn's CPU. A turn that
 * answers in the HTTP response (`expectReplies`) never sends through the connector, and Lotsen
 * has no sign-in prompt, so neither is built unless called.
 */
export class LazyClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory || activity.deliveryMode !== DeliveryModes.ExpectReplies) return result;
    return {
      ...result,
      connectorFactory: { create: async (serviceUrl: string, audience?: string) => madeOnFirstCall(() => factory.create(serviceUrl, audience), 2) },
    };
  }

  override async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return madeOnFirstCall(() => super.createUserTokenClient(claimsIdentity), 1);
  }
}
