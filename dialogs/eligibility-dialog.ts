import { type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ButtonPrompt } from './stored-questions.js';
import { routeOf } from '../src/domain/catalog/schema.js';
import type { DialogDeps } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { saidYes } from './yes-no.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

/** Whether the person may be considered, and where to turn instead when not. */
export interface EligibilityResult {
  readonly eligible: boolean;
  /** A route that fits better when not eligible. */
  readonly instead?: string;
}

export interface EligibilityOptions {
  /** The route whose `eligibility` (in the catalog) is checked. */
  readonly routeId: string;
  /** The criterion asked now (0 first). */
  readonly index?: number;
}

/**
 * A route's check before the offer (its catalog `eligibility`): one yes/no question per
 * criterion, stopping at the first "no" with the reason and a route that fits instead. One
 * criterion per round of the dialog, so a catalog may list any number.
 */
export class EligibilityDialog extends InterruptibleDialog {
  static readonly id = 'eligibilityDialog';
  private static readonly flowId = 'eligibilityFlow';
  private static readonly answerPromptId = 'eligibilityAnswer';

  constructor(deps: DialogDeps) {
    super(EligibilityDialog.id, deps);
    this.addDialog(new ButtonPrompt(EligibilityDialog.answerPromptId, deps.catalog)).addDialog(
      new RepeatableWaterfall(EligibilityDialog.flowId, [this.askCriterion.bind(this), this.judge.bind(this)]),
    );
    this.initialDialogId = EligibilityDialog.flowId;
  }

  private eligibilityOf(options: EligibilityOptions) {
    return routeOf(this.deps.catalog, options.routeId)!.eligibility!;
  }

  private async askCriterion(step: WaterfallStepContext<EligibilityOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const eligibility = this.eligibilityOf(step.options);
    const index = step.options.index ?? 0;
    if (index === 0) await this.tell(step.context, voice.say(eligibility.intro));
    return this.askYesNo(step, EligibilityDialog.answerPromptId, voice, voice.say(eligibility.criteria[index]!.question));
  }

  private async judge(step: WaterfallStepContext<EligibilityOptions>): Promise<DialogTurnResult> {
    const voice = await this.voice(step.context);
    const eligibility = this.eligibilityOf(step.options);
    const index = step.options.index ?? 0;
    const criterion = eligibility.criteria[index]!;
    if (!saidYes(step.result)) {
      await this.tell(step.context, voice.say(criterion.ifNo));
      return step.endDialog({ eligible: false, instead: criterion.instead } satisfies EligibilityResult);
    }
    if (index + 1 < eligibility.criteria.length)
      return step.replaceDialog(EligibilityDialog.id, { routeId: step.options.routeId, index: index + 1 } satisfies EligibilityOptions);
    await this.tell(step.context, voice.say(eligibility.eligible));
    return step.endDialog({ eligible: true } satisfies EligibilityResult);
  }
}
