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
import pg from 'pg';
import { ActivityHandler, ConversationState } from 'botbuilder';
import { BotStateStorage } from '../dist/src/storage/bot-state-storage.js';
import { serveBot } from './bot-server.mjs';

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
serveBot('echo-bot', new EchoBot());
