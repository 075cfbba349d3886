// A lean dialog bot with Lotsen's structure, for the turn benchmark's yardstick between the bare
// echo bot and Lotsen: what botbuilder-dialogs and database state cost on their own, written
// plainly, as Microsoft's samples teach. A MainDialog (a waterfall that takes the question, runs a
// topic and asks "anything else?"), a component dialog with a text and a confirm prompt, and
// cancel/help interruptions checked on every turn; its state kept in PostgreSQL through Lotsen's
// own BotStateStorage, on the same stack as Lotsen (restify 12, CloudAdapter, the same plugins).
// It answers the benchmark's resident (bench/messages.mjs) turn for turn as Lotsen does: a
// question gets an answer and a yes/no offer, "nej" gets "anything else?".
//
// `PORT=0 DATABASE_URL=postgresql://… node bench/lean-dialog-bot.mjs` prints
// `{"msg":"listening","port":N}` on stdout once it listens (the database must be migrated).
import pg from 'pg';
import { ActivityHandler, ConversationState, InputHints } from 'botbuilder';
import { ComponentDialog, ConfirmPrompt, DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { BotStateStorage } from '../dist/src/storage/bot-state-storage.js';
import { serveBot } from './bot-server.mjs';

const TEXT_PROMPT = 'textPrompt';
const CONFIRM_PROMPT = 'confirmPrompt';
const WATERFALL = 'waterfall';

/** A few answers by keyword: the lean bot's whole "router". */
const ANSWERS = [
  [/bidrag/i, 'Föreningsbidrag söks i e-tjänsten senast den 1 mars.'],
  [/anhörig/i, 'Anhörigkonsulenten stöttar dig som hjälper en närstående.'],
];
const answerTo = (text) => ANSWERS.find(([pattern]) => pattern.test(text))?.[1] ?? 'Det vet jag inte, men kommunens kontaktcenter hjälper dig.';

/** Cancel and help, checked whatever the dialog waits for (Microsoft's CancelAndHelpDialog). */
class CancelAndHelpDialog extends ComponentDialog {
  async onContinueDialog(innerDc) {
    const text = (innerDc.context.activity.text ?? '').trim().toLowerCase();
    if (text === 'hjälp') {
      await innerDc.context.sendActivity('Skriv din fråga, eller avbryt.', undefined, InputHints.ExpectingInput);
      return { status: DialogTurnStatus.waiting };
    }
    if (text === 'avbryt') {
      await innerDc.context.sendActivity('Avbrutet.');
      return innerDc.cancelAllDialogs();
    }
    return super.onContinueDialog(innerDc);
  }
}

/** A question's answer and the offer of contact: a confirm prompt, then a name when the answer is yes. */
class TopicDialog extends CancelAndHelpDialog {
  constructor() {
    super('topicDialog');
    // Swedish has no built-in yes/no recogniser: the buttons' words are recognised instead.
    const confirm = new ConfirmPrompt(CONFIRM_PROMPT, undefined, 'sv-se');
    confirm.confirmChoices = ['ja', 'nej'];
    this.addDialog(new TextPrompt(TEXT_PROMPT))
      .addDialog(confirm)
      .addDialog(new WaterfallDialog(WATERFALL, [this.answerStep.bind(this), this.offerStep.bind(this), this.doneStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  async answerStep(step) {
    await step.context.sendActivity(answerTo(step.options.question));
    return step.prompt(CONFIRM_PROMPT, { prompt: 'Vill du att någon kontaktar dig?', retryPrompt: 'Svara ja eller nej.' });
  }

  async offerStep(step) {
    if (!step.result) return step.endDialog();
    return step.prompt(TEXT_PROMPT, { prompt: 'Vad heter du?' });
  }

  async doneStep(step) {
    await step.context.sendActivity(`Tack ${step.result}, vi hör av oss.`);
    return step.endDialog();
  }
}

/** The root: take the question (the first message, or the answer to "anything else?"), run the topic, ask again. */
class MainDialog extends CancelAndHelpDialog {
  constructor() {
    super('mainDialog');
    this.addDialog(new TextPrompt(TEXT_PROMPT))
      .addDialog(new TopicDialog())
      .addDialog(new WaterfallDialog(WATERFALL, [this.introStep.bind(this), this.actStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  async introStep(step) {
    if (!step.options?.again) return step.next(step.context.activity.text ?? '');
    return step.prompt(TEXT_PROMPT, { prompt: 'Något mer jag kan hjälpa dig med?' });
  }

  async actStep(step) {
    return step.beginDialog('topicDialog', { question: step.result });
  }

  async finalStep(step) {
    return step.replaceDialog(this.initialDialogId, { again: true });
  }
}

const conversationState = new ConversationState(new BotStateStorage(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })));
const dialogs = new DialogSet(conversationState.createProperty('dialogState')).add(new MainDialog());

class LeanDialogBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('mainDialog');
      await next();
    });
  }

  async run(context) {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}
serveBot('lean-dialog-bot', new LeanDialogBot());
