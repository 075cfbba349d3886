// The baseline: the smallest botbuilder bot on the same stack as Lotsen (restify 12, CloudAdapter
// without authentication, the same body plugins), echoing the text. Lotsen's turn rate is reported
// as a share of this one's, so the ratio shows what routing, dialogs and database state cost on top
// of the framework, whatever the machine. Run as a child process: `PORT=0 node bench/echo-bot.mjs`
// prints `{"msg":"listening","port":N}` on stdout once it listens.
//
// With DATABASE_URL (a PostgreSQL database Lotsen has migrated) it also keeps a turn counter in
// ConversationState over Lotsen's own BotStateStorage: one read and one write per turn, as
// Lotsen does. That middle step splits Lotsen's cost into "state in the database" and "routing
// and dialogs".
import restify from 'restify';
import pg from 'pg';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import { BotStateStorage } from '../dist/src/storage/bot-state-storage.js';

// Empty app id and password: development mode, no token checked, as Lotsen without MicrosoftAppId.
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
);

const conversationState = process.env.DATABASE_URL
  ? new ConversationState(new BotStateStorage(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })))
  : undefined;
const turns = conversationState?.createProperty('turns');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      if (turns) await turns.set(context, (await turns.get(context, 0)) + 1);
      // With deliveryMode "expectReplies" botbuilder buffers this and answers it in the HTTP body.
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  async run(context) {
    await super.run(context);
    await conversationState?.saveChanges(context, false);
  }
}
const bot = new EchoBot();

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
// The same plugins as Lotsen's server (src/server/create-server.ts), so the baseline pays for them too.
server.use(restify.plugins.bodyReader({ maxBodySize: 262_144 }));
server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', async (_req, res) => {
  res.json({ status: 'ready' });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.address().port })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
