import { ActivityTypes } from 'botbuilder-core';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TextKey } from '../src/domain/catalog/schema.js';
import { newProfile, sayKey, type DialogDeps } from './dialog-deps.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { askYesNo, buttonPrompt, saidYes } from './yes-no.js';

/** Whether the association may be considered, and where to turn instead when not. */
export interface EligibilityResult {
  readonly eligible: boolean;
  /** A route that fits better when not eligible. */
  readonly instead?: string;
}

/** The award's criteria (KFS 50:14), each with the explanation of a "no" and what fits instead. */
const CRITERIA: readonly { ask: TextKey; no: TextKey; instead: string }[] = [
  { ask: 'askIsOrganisation', no: 'notEligibleOrganisation', instead: 'idelabbet' },
  { ask: 'askIsNonProfit', no: 'notEligibleNonProfit', instead: 'idelabbet' },
  { ask: 'askIsActiveHere', no: 'notEligibleActiveHere', instead: 'bidrag.verksamhetsstod' },
  { ask: 'askSupportsPeople', no: 'notEligibleSupport', instead: 'bidrag.foreningsbidrag' },
];

/**
 * A short check of the award's criteria: one yes/no question each, stopping at the first
 * "no" with the reason and a route that fits instead.
 */
export class AwardEligibilityDialog extends InterruptibleDialog {
  static readonly id = 'awardEligibilityDialog';
  private static readonly flowId = 'awardEligibilityFlow';
  private static readonly answerPromptId = 'awardEligibilityAnswer';

  constructor(deps: DialogDeps) {
    super(AwardEligibilityDialog.id, deps);
    const steps = CRITERIA.flatMap((criterion, index) => [
      async (step: WaterfallStepContext) => {
        if (index > 0) {
          const stop = await this.stopOnNo(step, CRITERIA[index - 1]!);
          if (stop) return stop;
        }
        const { speech } = await this.deps.profile.get(step.context, newProfile());
        if (index === 0) await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'eligibilityIntro', speech) });
        return askYesNo(step, AwardEligibilityDialog.answerPromptId, this.deps, speech, sayKey(this.deps.catalog, criterion.ask, speech), 'confirm');
      },
    ]);
    steps.push(async (step: WaterfallStepContext) => {
      const stop = await this.stopOnNo(step, CRITERIA.at(-1)!);
      if (stop) return stop;
      const { speech } = await this.deps.profile.get(step.context, newProfile());
      await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'eligible', speech) });
      return step.endDialog({ eligible: true } satisfies EligibilityResult);
    });
    this.addDialog(buttonPrompt(AwardEligibilityDialog.answerPromptId)).addDialog(new WaterfallDialog(AwardEligibilityDialog.flowId, steps));
    this.initialDialogId = AwardEligibilityDialog.flowId;
  }

  private async stopOnNo(step: WaterfallStepContext, criterion: (typeof CRITERIA)[number]): Promise<DialogTurnResult | undefined> {
    if (saidYes(step.result)) return undefined;
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, criterion.no, speech) });
    return step.endDialog({ eligible: false, instead: criterion.instead } satisfies EligibilityResult);
  }
}
