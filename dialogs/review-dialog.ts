import { type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { asking, ButtonPrompt, QuestionPrompt } from './stored-questions.js';
import { emailIn, nameIn, phoneIn, readablePhone, stripPersonalIdentityNumbers } from '../src/domain/handoff/contact.js';
import { wordsFor, type DialogDeps, type Voice } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { answeredWith } from './yes-no.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

/** What the person gave for the handoff, as they confirm it. */
export interface Details {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
  readonly time: string;
  readonly interpreter?: boolean;
  readonly summary?: string;
}

export interface ReviewOptions {
  readonly details: Details;
  /** Who will contact them, as shown. */
  readonly instance: string;
}

/** Whether to send, and the details as they were confirmed (perhaps corrected). */
export interface Reviewed {
  readonly confirmed: boolean;
  readonly details: Details;
}

type Detail = 'name' | 'contact' | 'time' | 'summary';
const DETAILS: readonly Detail[] = ['name', 'contact', 'time', 'summary'];
const MAX_SUMMARY = 500;

/**
 * The summary to confirm before anything is sent: yes sends, no stops; one detail can be
 * changed, by a button or in a sentence ("numret är fel, det ska vara 070-765 43 21"), and the
 * summary is shown again with only that detail changed.
 */
export class ReviewDialog extends InterruptibleDialog {
  static readonly id = 'reviewDialog';
  private static readonly flowId = 'reviewFlow';
  private static readonly confirmPromptId = 'reviewConfirm';
  private static readonly whichPromptId = 'reviewWhich';
  private static readonly valuePromptId = 'reviewValue';

  constructor(deps: DialogDeps) {
    super(ReviewDialog.id, deps);
    const anything = async (prompt: { recognized: { value?: string } }) => (prompt.recognized.value ?? '').trim().length > 0;
    this.addDialog(new QuestionPrompt(ReviewDialog.confirmPromptId, anything))
      .addDialog(new ButtonPrompt(ReviewDialog.whichPromptId, deps.catalog))
      .addDialog(new QuestionPrompt(ReviewDialog.valuePromptId, anything))
      .addDialog(
        new RepeatableWaterfall(ReviewDialog.flowId, [this.show.bind(this), this.decide.bind(this), this.askValue.bind(this), this.change.bind(this)]),
      );
    this.initialDialogId = ReviewDialog.flowId;
  }

  private async show(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const { texts } = this.deps.catalog;
    const { details, instance } = step.options;
    // A list, one detail a line: a chat window runs single lines together into one paragraph.
    const lines = [
      `${voice.title(texts.labelName)}: ${details.name}`,
      // Their own number as they would write it (070-123 45 67), not as it is stored.
      `${voice.title(texts.labelContact)}: ${details.phone ? readablePhone(details.phone).text : details.email}`,
      `${voice.title(texts.labelTime)}: ${details.time}`,
      ...(details.interpreter === undefined ? [] : [`${voice.title(texts.labelInterpreter)}: ${voice.title(details.interpreter ? texts.yes : texts.no)}`]),
      ...(details.summary ? [`${voice.title(texts.labelSummary)}: ${details.summary}`] : []),
      `${voice.title(texts.labelInstance)}: ${instance}`,
    ];
    const options = [
      { id: 'yes', title: voice.title(texts.confirmYes) },
      { id: 'change', title: voice.title(texts.changeDetail) },
      { id: 'no', title: voice.title(texts.confirmNo) },
    ];
    const text = voice.text('confirm', { details: lines.map((line) => `- ${line}`).join('\n') });
    return step.prompt(ReviewDialog.confirmPromptId, asking({ text, expecting: 'confirm', options }));
  }

  private async decide(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const said = String(step.result);
    const { details } = step.options;
    const { texts, answerWords } = this.deps.catalog;
    const is = (id: string, title: string, words: readonly string[]) => answeredWith(said, id, [title, ...words]);
    if (is('yes', voice.title(texts.confirmYes), wordsFor(answerWords.yes))) return step.endDialog({ confirmed: true, details } satisfies Reviewed);
    if (is('no', voice.title(texts.confirmNo), wordsFor(answerWords.no))) return step.endDialog({ confirmed: false, details } satisfies Reviewed);
    // A correction in a sentence: a new phone number or e-mail address replaces the old way.
    const phone = phoneIn(said);
    const email = phone ? undefined : emailIn(said);
    if (phone || email) return this.again(step, { ...details, phone, email });
    if (is('change', voice.title(texts.changeDetail), [])) {
      const labels = { name: texts.labelName, contact: texts.labelContact, time: texts.labelTime, summary: texts.labelSummary };
      const options = DETAILS.map((detail) => ({ id: detail, title: voice.title(labels[detail]) }));
      return this.ask(step, ReviewDialog.whichPromptId, { text: voice.text('whichDetail'), expecting: 'choice', options });
    }
    await this.tell(step.context, voice.text('notUnderstood'));
    return this.again(step, details);
  }

  private async askValue(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const detail = (step.result as FoundChoice).value as Detail;
    (step.values as { detail?: Detail }).detail = detail;
    const ask: Record<Detail, [string, 'name' | 'freeText' | 'contactTime']> = {
      name: [voice.text('askName'), 'name'],
      contact: [voice.text('askNewContact'), 'freeText'],
      time: [voice.text('askTime'), 'contactTime'],
      summary: [voice.text('askSummary'), 'freeText'],
    };
    const [text, expecting] = ask[detail];
    return step.prompt(ReviewDialog.valuePromptId, asking({ text, expecting }));
  }

  private async change(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const said = String(step.result).trim();
    const { details } = step.options;
    switch ((step.values as { detail: Detail }).detail) {
      case 'name':
        return this.again(step, {
          ...details,
          name: nameIn(said, wordsFor(this.deps.catalog.answerWords.nameIntro), wordsFor(this.deps.catalog.answerWords.nameEnding)) ?? details.name,
        });
      case 'contact': {
        const phone = phoneIn(said);
        const email = phone ? undefined : emailIn(said);
        if (!phone && !email) await this.tell(step.context, voice.text('contactUnchanged'));
        return this.again(step, phone || email ? { ...details, phone, email } : details);
      }
      case 'time':
        return this.again(step, { ...details, time: said.slice(0, 100) });
      case 'summary':
        return this.again(step, { ...details, summary: await this.summaryOf(step, said, voice) });
    }
  }

  /** The person's own words without personal identity numbers (they are told when one was removed). */
  private async summaryOf(step: WaterfallStepContext, said: string, voice: Voice): Promise<string> {
    const { text, removed } = stripPersonalIdentityNumbers(said.slice(0, MAX_SUMMARY), '[…]');
    if (removed) await this.tell(step.context, voice.text('summaryStripped'));
    return text;
  }

  /** The summary again, with the details as they now are. */
  private again(step: WaterfallStepContext<ReviewOptions>, details: Details): Promise<DialogTurnResult> {
    return step.replaceDialog(ReviewDialog.id, { ...step.options, details } satisfies ReviewOptions);
  }
}
