import type { DialogTurnResult, FoundChoice, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt, QuestionPrompt } from './stored-questions.js';
import { emailIn, phoneIn } from '../src/domain/handoff/contact.js';
import type { DialogDeps } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

export type ContactWay = 'phone' | 'email';

export interface ContactOptions {
  /** The way already chosen (when the other one did not work out). */
  readonly way?: ContactWay;
  /** Set once the other way has been offered: a second failure ends the dialog. */
  readonly switched?: boolean;
}

/** How to reach the person, or nothing when neither way could be read. */
export interface Contact {
  readonly way: ContactWay;
  readonly address: string;
}

const MAX_TRIES = 3;
const READ: Record<ContactWay, (text: string) => string | undefined> = { phone: phoneIn, email: emailIn };
const OTHER: Record<ContactWay, ContactWay> = { phone: 'email', email: 'phone' };

/**
 * One way to reach the person: phone or e-mail, read out of whatever sentence they write it in.
 * When one way fails three times, the other is offered instead of giving up.
 */
export class ContactDialog extends InterruptibleDialog {
  static readonly id = 'contactDialog';
  private static readonly flowId = 'contactFlow';
  private static readonly wayPromptId = 'contactWay';
  private static readonly addressPromptIds: Record<ContactWay, string> = { phone: 'contactPhone', email: 'contactEmail' };

  constructor(deps: DialogDeps) {
    super(ContactDialog.id, deps);
    this.addDialog(new ButtonPrompt(ContactDialog.wayPromptId, deps.catalog))
      .addDialog(new QuestionPrompt(ContactDialog.addressPromptIds.phone, triesOut(phoneIn)))
      .addDialog(new QuestionPrompt(ContactDialog.addressPromptIds.email, triesOut(emailIn)))
      .addDialog(new RepeatableWaterfall(ContactDialog.flowId, [this.askWay.bind(this), this.askAddress.bind(this), this.check.bind(this)]));
    this.initialDialogId = ContactDialog.flowId;
  }

  private async askWay(step: WaterfallStepContext<ContactOptions>): Promise<DialogTurnResult> {
    if (step.options.way) return step.next({ value: step.options.way } as FoundChoice);
    const voice = await this.voice(step.context);
    const { texts } = this.deps.catalog;
    return this.ask(step, ContactDialog.wayPromptId, {
      text: voice.text('askContactWay'),
      expecting: 'choice',
      options: [
        { id: 'phone', title: voice.title(texts.byPhone) },
        { id: 'email', title: voice.title(texts.byEmail) },
      ],
      synonyms: { phone: 'phone', email: 'email' },
    });
  }

  private async askAddress(step: WaterfallStepContext<ContactOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const way = (step.result as FoundChoice).value as ContactWay;
    (step.values as { way?: ContactWay }).way = way;
    return way === 'phone'
      ? this.ask(step, ContactDialog.addressPromptIds.phone, { text: voice.text('askPhone'), expecting: 'phone', retry: voice.text('invalidPhone') })
      : this.ask(step, ContactDialog.addressPromptIds.email, { text: voice.text('askEmail'), expecting: 'email', retry: voice.text('invalidEmail') });
  }

  private async check(step: WaterfallStepContext<ContactOptions>): Promise<DialogTurnResult> {
    const way = (step.values as { way: ContactWay }).way;
    const address = READ[way](String(step.result));
    if (address) return step.endDialog({ way, address } satisfies Contact);
    const voice = await this.voice(step.context);
    if (step.options.switched) {
      await this.tell(step.context, voice.text('tooManyTries'));
      return step.endDialog();
    }
    // Not a dead end: the other way, at once.
    await this.tell(step.context, voice.text(way === 'phone' ? 'phoneUnreadable' : 'emailUnreadable'));
    return step.replaceDialog(ContactDialog.id, { way: OTHER[way], switched: true } satisfies ContactOptions);
  }
}

/** Accepts a valid answer, or any answer after the last try so the dialog can offer another way. */
function triesOut(read: (input: string) => string | undefined) {
  return async (prompt: PromptValidatorContext<string>): Promise<boolean> =>
    read(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= MAX_TRIES;
}
