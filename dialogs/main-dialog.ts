import { ActivityTypes } from 'botbuilder-core';
import { TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { commandOf } from '../src/domain/catalog/commands.js';
import { contactCentreRoute, EMERGENCY_ROUTE, instanceOfRoute, type Command } from '../src/domain/catalog/schema.js';
import { DeleteDataDialog } from './delete-data-dialog.js';
import { newProfile, speechOf, sayKey, titleOf, type ConversationProfile, type DialogDeps } from './dialog-deps.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { RouteAnswerDialog, type RouteAnswerOptions } from './route-answer-dialog.js';
import { emergencyAnswer } from './emergency-answer.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question } from './question.js';
import { TopicDialog, type TopicOptions } from './topic-dialog.js';

interface MainOptions {
  /** Set when the dialog loops back after an answer: offer more instead of reading the message again. */
  readonly again?: boolean;
  /** Set on "start over": offer the areas again. */
  readonly restart?: boolean;
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
      .addDialog(new RouteAnswerDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new DeleteDataDialog(deps))
      .addDialog(new WaterfallDialog(MainDialog.flowId, [this.offer.bind(this), this.findRoute.bind(this), this.answer.bind(this), this.loop.bind(this)]));
    this.initialDialogId = MainDialog.flowId;
  }

  private async offer(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const profile = await this.deps.profile.get(step.context, newProfile());
    const { activity } = step.context;
    // A client that says its language (the English web page) is answered in it from the start.
    if (!profile.greeted && activity.locale?.toLowerCase().startsWith('en')) profile.speech = 'en';
    // A message that starts the dialog (not the loop back) and already says something is
    // answered, not asked again; an emergency before anything else, greeting included.
    if (!step.options?.again && !step.options?.restart && activity.type === ActivityTypes.Message && activity.text) {
      const command = commandOf(this.deps.catalog, activity.text);
      if (command === 'human' || command === 'deleteData') return (await this.onRootCommand(step, command))!;
      if (command === 'swedish' || command === 'english') profile.speech = command === 'swedish' ? 'sv' : 'en';
      if (command === 'help') {
        await this.greetOnce(step, profile);
        await step.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(this.deps.catalog, 'help', profile.speech) });
      }
      const decision = command ? undefined : this.deps.router.route(activity.text);
      if (decision?.route === EMERGENCY_ROUTE) {
        await step.context.sendActivity(emergencyAnswer(this.deps.catalog, speechOf(decision.language)));
        return step.endDialog();
      }
      if (decision && decision.confidence > 0) {
        profile.speech = speechOf(decision.language);
        await this.greetOnce(step, profile);
        return step.next(activity.text);
      }
    }
    const opening = (await this.greetOnce(step, profile)) || step.options?.restart === true;
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
    if (routeId) return step.beginDialog(RouteAnswerDialog.id, { routeId } satisfies RouteAnswerOptions);
    return step.next();
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // The flow, not the component: replacing with the component would nest a new one inside this one every round.
    return step.replaceDialog(MainDialog.flowId, { again: true } satisfies MainOptions);
  }

  protected override async onRootCommand(innerDc: DialogContext, command: Command): Promise<DialogTurnResult | undefined> {
    const profile = await this.deps.profile.get(innerDc.context, newProfile());
    switch (command) {
      case 'startOver':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(MainDialog.flowId, { restart: true } satisfies MainOptions);
      case 'human': {
        // The instance of what was last discussed, else the contact centre: never "call someone else".
        const { catalog } = this.deps;
        const routeId = profile.lastRoute ?? contactCentreRoute(catalog);
        const instance = instanceOfRoute(catalog, routeId);
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity({ type: ActivityTypes.Message, text: sayKey(catalog, 'talkToPerson', profile.speech, { instance: titleOf(instance.name, profile.speech) }) });
        return innerDc.beginDialog(HandoffDialog.id, { routeId } satisfies HandoffOptions);
      }
      case 'deleteData':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DeleteDataDialog.id);
      default:
        return undefined;
    }
  }
}
