import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { TextPrompt, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { languageOfLocale, speechAfter } from '../src/domain/catalog/languages.js';
import { contactCentreRoute, instanceOfRoute, type Command } from '../src/domain/catalog/schema.js';
import { DeleteDataDialog } from './delete-data-dialog.js';
import { Voice, type DialogDeps } from './dialog-deps.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { RouteAnswerDialog, type RouteAnswerOptions } from './route-answer-dialog.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { question } from './question.js';
import { TopicDialog, type TopicOptions } from './topic-dialog.js';
import { RepeatableWaterfall } from './repeatable-waterfall.js';

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
      .addDialog(new RepeatableWaterfall(MainDialog.flowId, [this.offer.bind(this), this.findRoute.bind(this), this.answer.bind(this), this.loop.bind(this)]));
    this.initialDialogId = MainDialog.flowId;
  }

  private async offer(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const profile = await this.profileOf(step.context);
    const { activity } = step.context;
    // A client that says its language (the English web page) is answered in it from the start.
    const pageLanguage = profile.greeted ? undefined : languageOfLocale(this.deps.catalog, activity.locale);
    if (pageLanguage) profile.speech = [pageLanguage];
    // A message that starts the dialog (not the loop back) and already asks something is
    // answered, not asked again (emergencies and commands are answered before this step).
    if (!step.options?.again && !step.options?.restart && activity.type === ActivityTypes.Message && activity.text && !this.wasCommand(step.context)) {
      const decision = this.deps.router.route(activity.text);
      if (decision.confidence > 0) {
        profile.speech = speechAfter(this.deps.catalog, profile.speech, decision.language);
        await this.greetOnce(step.context);
        return step.next(activity.text);
      }
    }
    // Kept in the step's values: asked anew (in another language) it is still the opening question.
    const values = step.values as { opening?: boolean };
    values.opening ??= (await this.greetOnce(step.context)) || step.options?.restart === true;
    const opening = values.opening;
    const voice = await this.voice(step.context);
    const areas = this.deps.catalog.areas.map((area) => ({ id: area.id, title: voice.title(area.label) }));
    return step.prompt(MainDialog.topicPromptId, { prompt: question(voice.text(opening ? 'chooseArea' : 'anythingElse'), 'topic', areas) });
  }

  protected override async beforeFirstReply(context: TurnContext): Promise<void> {
    await this.greetOnce(context);
  }

  /** Greets the first time only; says whether it did. */
  private async greetOnce(context: TurnContext): Promise<boolean> {
    const profile = await this.profileOf(context);
    if (profile.greeted) return false;
    profile.greeted = true;
    await this.tell(context, new Voice(this.deps.catalog, profile.speech).text('welcome'));
    return true;
  }

  private async findRoute(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const said = String(step.result ?? '');
    (step.values as { said?: string }).said = said;
    return step.beginDialog(TopicDialog.id, { text: said } satisfies TopicOptions);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const routeId = step.result as string | undefined;
    const { said } = step.values as { said?: string };
    if (routeId) return step.beginDialog(RouteAnswerDialog.id, { routeId, ...(said ? { said } : {}) } satisfies RouteAnswerOptions);
    return step.next();
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // The flow, not the component: replacing with the component would nest a new one inside this one every round.
    return step.replaceDialog(MainDialog.flowId, { again: true } satisfies MainOptions);
  }

  protected override async onRootCommand(innerDc: DialogContext, command: Command): Promise<DialogTurnResult | undefined> {
    switch (command) {
      case 'startOver':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(MainDialog.flowId, { restart: true } satisfies MainOptions);
      case 'human': {
        // The instance of what was last discussed, else the contact centre: never "call someone else".
        const { catalog } = this.deps;
        const routeId = (await this.profileOf(innerDc.context)).lastRoute ?? contactCentreRoute(catalog);
        const voice = await this.voice(innerDc.context);
        await innerDc.cancelAllDialogs();
        await this.tell(innerDc.context, voice.text('talkToPerson', { instance: voice.title(instanceOfRoute(catalog, routeId).name) }));
        return innerDc.beginDialog(HandoffDialog.id, { routeId } satisfies HandoffOptions);
      }
      case 'deleteData':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(DeleteDataDialog.id);
      default:
        return undefined;
    }
  }

  protected override async onSwitchTopic(innerDc: DialogContext, routeId: string): Promise<DialogTurnResult | undefined> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(RouteAnswerDialog.id, { routeId } satisfies RouteAnswerOptions);
  }
}
