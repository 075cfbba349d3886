import { ActivityTypes } from 'botbuilder-core';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { EMERGENCY_ROUTE } from '../src/domain/catalog/schema.js';
import { newProfile, say, sayKey, titleOf, type ConversationProfile, type DialogDeps } from './dialog-deps.js';
import { emergencyAnswer } from './emergency-answer.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question } from './question.js';
import { TopicDialog, type TopicOptions } from './topic-dialog.js';

interface MainOptions {
  /** Set when the dialog loops back after an answer: offer more instead of reading the message again. */
  readonly again?: boolean;
}

/**
 * The conversation's root: greet once, take the person's question (typed, or an area button),
 * find its route and answer it; then offer more. The state lives in ConversationState, so the
 * next turn may reach any instance of Lotsen.
 */
export class MainDialog extends InterruptibleDialog {
  static readonly id = 'mainDialog';
  private static readonly flowId = 'mainFlow';
  private static readonly topicPromptId = 'topicPrompt';

  constructor(deps: DialogDeps) {
    super(MainDialog.id, deps);
    this.addDialog(new TextPrompt(MainDialog.topicPromptId))
      .addDialog(new TopicDialog(deps))
      .addDialog(new WaterfallDialog(MainDialog.flowId, [this.offer.bind(this), this.findRoute.bind(this), this.answer.bind(this)]));
    this.initialDialogId = MainDialog.flowId;
  }

  private async offer(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const profile = await this.deps.profile.get(step.context, newProfile());
    const { activity } = step.context;
    // A message that starts the dialog (not the loop back) and already says something is
    // answered, not asked again; an emergency before anything else, greeting included.
    if (!step.options?.again && activity.type === ActivityTypes.Message && activity.text) {
      const decision = this.deps.router.route(activity.text);
      if (decision.route === EMERGENCY_ROUTE) {
        await step.context.sendActivity(emergencyAnswer(this.deps.catalog, decision.language === 'other' ? 'both' : decision.language));
        return step.endDialog();
      }
      if (decision.confidence > 0) {
        profile.speech = decision.language === 'other' ? 'both' : decision.language;
        await this.greetOnce(step, profile);
        return step.next(activity.text);
      }
    }
    const opening = await this.greetOnce(step, profile);
    const areas = this.deps.catalog.areas.map((area) => ({ id: area.id, title: titleOf(area.label, profile.speech) }));
    return step.prompt(MainDialog.topicPromptId, { prompt: question(sayKey(this.deps.catalog, opening ? 'chooseArea' : 'anythingElse', profile.speech), 'topic', areas) });
  }

  /** Greets the first time only; says whether it did. */
  private async greetOnce(step: WaterfallStepContext, profile: ConversationProfile): Promise<boolean> {
    if (profile.greeted) return false;
    profile.greeted = true;
    await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'welcome', profile.speech) });
    return true;
  }

  private async findRoute(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(TopicDialog.id, { text: String(step.result ?? '') } satisfies TopicOptions);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const routeId = step.result as string | undefined;
    const route = this.deps.catalog.routes.find((candidate) => candidate.id === routeId);
    if (route) {
      const profile = await this.deps.profile.get(step.context, newProfile());
      await step.context.sendActivity({ type: ActivityTypes.Message, text: say(route.answer, profile.speech), channelData: { lotsen: { route: route.id } } });
    }
    return step.replaceDialog(MainDialog.id, { again: true } satisfies MainOptions);
  }
}
