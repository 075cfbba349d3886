import { ActivityTypes } from 'botbuilder-core';
import { WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { instanceOfRoute, routeOf } from '../src/domain/catalog/schema.js';
import { newProfile, say, sayKey, titleOf, type DialogDeps } from './dialog-deps.js';
import { EligibilityDialog, type EligibilityOptions, type EligibilityResult } from './eligibility-dialog.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question } from './question.js';
import { askYesNo, buttonPrompt, saidYes } from './yes-no.js';

export interface RouteAnswerOptions {
  readonly routeId: string;
}

interface Answering {
  routeId: string;
  need?: string;
}

/**
 * A route's concrete answer from the catalog, the steps the catalog declares for it (an
 * `eligibility` check, a `needs` question), then the offer that the right instance
 * contacts the person, so they never have to make a second contact themselves.
 */
export class RouteAnswerDialog extends InterruptibleDialog {
  static readonly id = 'routeAnswerDialog';
  private static readonly flowId = 'routeAnswerFlow';
  private static readonly needPromptId = 'routeAnswerNeed';
  private static readonly offerPromptId = 'routeAnswerOffer';

  constructor(deps: DialogDeps) {
    super(RouteAnswerDialog.id, deps);
    this.addDialog(buttonPrompt(RouteAnswerDialog.needPromptId))
      .addDialog(buttonPrompt(RouteAnswerDialog.offerPromptId))
      .addDialog(new EligibilityDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new WaterfallDialog(RouteAnswerDialog.flowId, [this.answer.bind(this), this.askNeed.bind(this), this.offer.bind(this), this.handOver.bind(this)]));
    this.initialDialogId = RouteAnswerDialog.flowId;
  }

  private async answer(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const profile = await this.deps.profile.get(step.context, newProfile());
    const route = routeOf(this.deps.catalog, step.options.routeId)!;
    profile.lastRoute = route.id;
    (step.values as Answering).routeId = route.id;
    await step.context.sendActivity({ type: ActivityTypes.Message, text: say(route.answer, profile.speech), channelData: { lotsen: { route: route.id } } });
    if (route.eligibility) return step.beginDialog(EligibilityDialog.id, { routeId: route.id } satisfies EligibilityOptions);
    return step.next();
  }

  private async askNeed(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const answering = step.values as Answering;
    const eligibility = step.result as EligibilityResult | undefined;
    if (eligibility && !eligibility.eligible && eligibility.instead) answering.routeId = eligibility.instead;
    const needs = routeOf(this.deps.catalog, answering.routeId)?.needs;
    if (!needs) return step.next();
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    const options = needs.options.map((option) => ({ id: option.id, title: titleOf(option.label, speech) }));
    return step.prompt(RouteAnswerDialog.needPromptId, {
      prompt: question(say(needs.question, speech), 'choice', options),
      retryPrompt: question(say(needs.question, speech), 'choice', options),
      choices: options.map((option) => ({ value: option.id, synonyms: [option.title] })),
    });
  }

  private async offer(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const answering = step.values as Answering;
    const need = (step.result as FoundChoice | undefined)?.value;
    if (need) answering.need = need;
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    const { catalog } = this.deps;
    const instance = instanceOfRoute(catalog, answering.routeId);
    return askYesNo(step, RouteAnswerDialog.offerPromptId, this.deps, speech, sayKey(catalog, 'offerHandoff', speech, { instance: titleOf(instance.name, speech) }), 'confirm');
  }

  private async handOver(step: WaterfallStepContext<RouteAnswerOptions>): Promise<DialogTurnResult> {
    const answering = step.values as Answering;
    if (saidYes(step.result)) return step.replaceDialog(HandoffDialog.id, { routeId: answering.routeId, ...(answering.need ? { need: answering.need } : {}) } satisfies HandoffOptions);
    const { speech } = await this.deps.profile.get(step.context, newProfile());
    await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'noHandoff', speech) });
    return step.endDialog();
  }
}
