import { type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { QuestionPrompt } from './stored-questions.js';
import { simplify } from '../src/domain/catalog/commands.js';
import type { LocalizedText } from '../src/domain/catalog/schema.js';
import type { DialogDeps, Voice } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';
import type { Option } from './question.js';
import { answeredWith } from './yes-no.js';

/** One thing to choose: a stable id, and its label (a catalog text, or a name the same in every language). */
export interface Choosable {
  readonly id: string;
  readonly label: LocalizedText | string;
}

export interface MultiChoiceOptions {
  /** What is asked, in every language. */
  readonly question: LocalizedText;
  readonly choices: readonly Choosable[];
  /** A button that chooses every choice at once ("Hela kommunen"), if any. */
  readonly all?: LocalizedText;
  /** What is chosen so far (kept as the question is asked again). */
  readonly chosen?: readonly string[];
}

/** The value of the button that ends the choosing. */
const DONE = 'done';
/** The value of the button that chooses everything. */
const ALL = 'all';

/**
 * Several things chosen with buttons, one press at a time: each press is added, the question
 * is asked again with what is left and a "done" button, and "done" ends it with the ids chosen.
 * Typed words choose every choice whose label they name ("bil och besök").
 */
export class MultiChoiceDialog extends InterruptibleDialog {
  static readonly id = 'multiChoiceDialog';
  private static readonly flowId = 'multiChoiceFlow';
  private static readonly promptId = 'multiChoicePrompt';

  constructor(deps: DialogDeps) {
    super(MultiChoiceDialog.id, deps);
    this.addDialog(new QuestionPrompt(MultiChoiceDialog.promptId)).addDialog(
      new RepeatableWaterfall(MultiChoiceDialog.flowId, [this.askNext.bind(this), this.collect.bind(this)]),
    );
    this.initialDialogId = MultiChoiceDialog.flowId;
  }

  private async askNext(step: WaterfallStepContext<MultiChoiceOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const { question, choices, all, chosen = [] } = step.options;
    const settings = this.deps.catalog.volunteers!;
    const options: Option[] = [
      ...choices.filter((choice) => !chosen.includes(choice.id)).map((choice) => ({ id: choice.id, title: labelOf(voice, choice) })),
      ...(all && chosen.length === 0 ? [{ id: ALL, title: voice.title(all) }] : []),
      ...(chosen.length > 0 ? [{ id: DONE, title: voice.title(settings.texts.done) }] : []),
    ];
    const picked = choices.filter((choice) => chosen.includes(choice.id)).map((choice) => labelOf(voice, choice));
    const text =
      picked.length > 0 ? `${voice.filled(settings.texts.chosenSoFar, { chosen: picked.join(', ') })}\n\n${voice.say(question)}` : voice.say(question);
    return this.ask(step, MultiChoiceDialog.promptId, { text, expecting: 'choice', options });
  }

  private async collect(step: WaterfallStepContext<MultiChoiceOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const said = String(step.result ?? '');
    const { choices, all, chosen = [] } = step.options;
    const texts = this.deps.catalog.volunteers!.texts;
    if (answeredWith(said, DONE, [voice.title(texts.done)])) {
      if (chosen.length > 0) return step.endDialog([...chosen]);
    } else if (all && answeredWith(said, ALL, [voice.title(all)])) {
      return step.endDialog(choices.map((choice) => choice.id));
    } else {
      const named = this.named(said, choices, voice).filter((id) => !chosen.includes(id));
      if (named.length > 0) return step.replaceDialog(MultiChoiceDialog.id, { ...step.options, chosen: [...chosen, ...named] } satisfies MultiChoiceOptions);
    }
    await this.tell(step.context, voice.say(texts.chooseAtLeastOne));
    return step.replaceDialog(MultiChoiceDialog.id, step.options);
  }

  /** The choices a message names: a button's id, or labels written out (in any order, among other words). */
  private named(said: string, choices: readonly Choosable[], voice: Voice): string[] {
    const exact = choices.find((choice) => said.trim() === choice.id);
    if (exact) return [exact.id];
    const words = ` ${simplify(said)} `;
    return choices.filter((choice) => words.includes(` ${simplify(labelOf(voice, choice))} `)).map((choice) => choice.id);
  }
}

const labelOf = (voice: Voice, choice: Choosable): string => (typeof choice.label === 'string' ? choice.label : voice.title(choice.label));
