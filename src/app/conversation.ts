import { randomUUID } from 'node:crypto';
import { ConversationStateWrittenEachTurn } from '../channels/conversation-state.js';
import type { Logger } from 'pino';
import { Voice, type ConversationProfile, type VolunteerDeps } from '../../dialogs/dialog-deps.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import type { TurnErrorDeps } from '../channels/bot-framework.js';
import { LotsenBot, PROFILE_PROPERTY } from '../channels/lotsen-bot.js';
import { turnLogFields } from '../channels/turn-request.js';
import type { TeamsStaffHandler } from '../channels/teams/teams-staff.js';
import { FIRST_LANGUAGE, languageOfLocale } from '../domain/catalog/languages.js';
import type { ActivityFeed } from '../domain/transcript.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { Database } from '../storage/database.js';
import { BotStateStorage } from '../storage/bot-state-storage.js';
import type { PrismaHandoffRepository } from '../storage/handoff-repository.js';
import { loadLanguageFiles } from '../storage/language-files.js';
import { loadRouter } from '../storage/router-model-file.js';
import { PrismaTranscriptStore } from '../storage/transcript-store.js';

/** The resident conversation: its state and transcript in the database, the router, the dialogs, and the bot every channel reaches. */
export interface Conversation {
  readonly storage: BotStateStorage;
  readonly transcript: PrismaTranscriptStore;
  readonly bot: LotsenBot;
  readonly turnErrors: TurnErrorDeps;
}

export interface ConversationDeps {
  readonly catalog: Catalog;
  readonly database: Database;
  /** Word of new web chat activities, for the streams of every instance. */
  readonly activityFeed: ActivityFeed;
  readonly handoffs: PrismaHandoffRepository;
  readonly staff: TeamsStaffHandler;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** The volunteer register and where call-outs can reach volunteers, when the catalog has a register. */
  readonly volunteers?: VolunteerDeps;
}

export function createConversation({ catalog, database, activityFeed, handoffs, staff, clock, logger, volunteers }: ConversationDeps): Conversation {
  const storage = new BotStateStorage(database.pool);
  const conversationState = new ConversationStateWrittenEachTurn(storage);
  const routing = loadRouter(catalog, loadLanguageFiles());
  if (routing.trained) logger.info('router trained at start: the catalog or a language file differs from the build');
  const transcript = new PrismaTranscriptStore(database.prisma, activityFeed);
  const dialogs = new MainDialog({
    catalog,
    router: routing.router,
    profile: conversationState.createProperty<ConversationProfile>(PROFILE_PROPERTY),
    handoffs,
    clock,
    newId: randomUUID,
    // Erasure covers everything kept about the conversation: its state and its web chat transcript.
    forgetConversation: async (context) => {
      await conversationState.delete(context);
      await transcript.forget(context.activity.conversation.id, context.activity.id);
    },
    reportError: (error, context) => logger.error({ ...turnLogFields(context), err: error }, 'dialog step failed'),
    ...(volunteers ? { volunteers } : {}),
  });
  return {
    storage,
    transcript,
    bot: new LotsenBot(conversationState, dialogs, staff),
    // The database may be what failed, so the language comes from the activity, not from saved state.
    turnErrors: {
      logger,
      conversationState,
      turnErrorText: (context) => new Voice(catalog, [languageOfLocale(catalog, context.activity.locale) ?? FIRST_LANGUAGE]).text('turnError'),
    },
  };
}
