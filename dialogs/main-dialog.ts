import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { asking, QuestionPrompt } from './stored-questions.js';
import { commandOf } from '../src/domain/catalog/commands.js';
import { decideLanguage, languageOfLocale } from '../src/domain/catalog/languages.js';
import { guessLanguage } from '../src/domain/routing/language.js';
import { contactCentreRoute, instanceOfRoute, type Command } from '../src/domain/catalog/schema.js';
import { DeleteDataDialog } from './delete-data-dialog.js';
import { VolunteerManageDialog, type VolunteerManageOptions } from './volunteer-manage-dialog.js';
import type { VolunteerCommand } from '../src/domain/catalog/volunteer-settings.js';
import { Voice, type DialogDeps } from './dialog-deps.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { RouteAnswerDialog, type RouteAnswerOptions } from './route-answer-dialog.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { answeredWith } from './yes-no.js';
import { TopicDialog, type TopicOptions } from './topic-dialog.js';
import { goOn, RepeatableWaterfall } from './repeatable-waterfall.js';
import { languageGuessOf, readingOf } from './message-reading.js';

/** What the flow keeps while it finds the route: what the person said, and a message waiting for its language to be chosen. */
interface Finding {
  said?: string;
  /** The first message's language was decided where it arrived: no second look at it. */
  languageDecided?: boolean;
  unsure?: string;
  choices?: string[];
}

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
  private static readonly languagePromptId = 'languagePrompt';

  private readonly topics: TopicDialog;

  constructor(deps: DialogDeps) {
    super(MainDialog.id, deps);
    this.topics = new TopicDialog(deps);
    this.addDialog(new QuestionPrompt(MainDialog.topicPromptId))
      .addDialog(new QuestionPrompt(MainDialog.languagePromptId))
      .addDialog(this.topics)
      .addDialog(new RouteAnswerDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new DeleteDataDialog(deps))
      .addDialog(new VolunteerManageDialog(deps))
      .addDialog(
        new RepeatableWaterfall(MainDialog.flowId, [
          this.offer.bind(this),
          this.confirmLanguage.bind(this),
          this.findRoute.bind(this),
          this.answer.bind(this),
          this.loop.bind(this),
        ]),
      );
    this.initialDialogId = MainDialog.flowId;
  }

  private async offer(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const profile = await this.profileOf(step.context);
    const { activity } = step.context;
    const { catalog } = this.deps;
    // A client that says its language (the English web page, a messaging app's language hint) is answered in it from the start.
    const hint = profile.greeted ? undefined : languageOfLocale(catalog, activity.locale);
    if (hint && !profile.languageChosen) profile.speech = [hint];
    const command = this.commandThisTurn(step.context);
    const message = !step.options?.again && !step.options?.restart && activity.type === ActivityTypes.Message ? activity.text : undefined;
    // The message a conversation starts with, a question or a greeting ("سلام"), says which
    // language to answer in, or that Lotsen must ask (routed once: the decision carries its language).
    const routed = message && (!command || command.command === 'smallTalk') ? readingOf(step.context, this.deps.router, message) : undefined;
    if (routed && !profile.languageChosen) {
      const language = decideLanguage(catalog, profile.speech, { language: routed.language, alternatives: routed.languageAlternatives }, hint);
      if ('choices' in language) return goOn(step, message, (said) => this.confirmLanguage(step, said));
      profile.speech = language.speech;
      (step.values as Finding).languageDecided = true;
    }
    // A message that starts the dialog (not the loop back) and already asks something is
    // answered, not asked again (emergencies and commands are answered before this step).
    if (routed && !command && routed.confidence > 0) {
      await this.greetOnce(step.context);
      return goOn(step, message, (said) => this.confirmLanguage(step, said));
    }
    // Kept in the step's values: asked anew (in another language) it is still the opening question.
    const values = step.values as { opening?: boolean };
    values.opening ??= (await this.greetOnce(step.context)) || step.options?.restart === true;
    const opening = values.opening;
    const voice = await this.voice(step.context);
    const areas = catalog.areas.map((area) => ({ id: area.id, title: voice.title(area.label) }));
    return step.prompt(MainDialog.topicPromptId, asking({ text: voice.text(opening ? 'chooseArea' : 'anythingElse'), expecting: 'topic', options: areas }));
  }

  /**
   * When the language of what the person wrote is unsure and it matters ("سلام" is Arabic and
   * Dari), one question with the languages as buttons, once a conversation; the message is kept
   * and answered in the language chosen.
   */
  private async confirmLanguage(step: WaterfallStepContext, given: unknown = step.result): Promise<DialogTurnResult> {
    const said = String(given ?? '');
    const values = step.values as Finding;
    const profile = await this.profileOf(step.context);
    // Decided with the first message already; or asked anew after the person named a language in words ("Soomaali"): that was the answer.
    if (values.languageDecided || profile.languageChosen || (profile.languageAsked && values.unsure === undefined) || this.isButton(said)) {
      delete values.unsure;
      return goOn(step, said, (text) => this.findRoute(step, text));
    }
    const { catalog } = this.deps;
    const language = decideLanguage(catalog, profile.speech, languageGuessOf(step.context, said), languageOfLocale(catalog, step.context.activity.locale));
    if (!('choices' in language)) return goOn(step, said, (text) => this.findRoute(step, text));
    profile.languageAsked = true;
    values.unsure = said;
    values.choices = [...language.choices];
    const voice = new Voice(catalog, language.choices);
    return this.ask(step, MainDialog.languagePromptId, {
      text: voice.text('chooseLanguage'),
      expecting: 'choice',
      options: language.choices.map((code) => ({ id: code, title: catalog.languages[code]!.name })),
    });
  }

  private async findRoute(step: WaterfallStepContext, given: unknown = step.result): Promise<DialogTurnResult> {
    const values = step.values as Finding;
    let said = String(given ?? '');
    if (values.unsure !== undefined) {
      const profile = await this.profileOf(step.context);
      const chosen = this.languageNamed(said, values.choices ?? []);
      if (chosen) {
        profile.speech = [chosen];
        profile.languageChosen = true;
      } else {
        // Not a button: read it with the first message (a second try says more about its language).
        const guessed = decideLanguage(this.deps.catalog, profile.speech, guessLanguage(`${values.unsure}\n${said}`));
        profile.speech = 'speech' in guessed ? guessed.speech : [guessed.choices[0]];
      }
      said = chosen ? values.unsure : `${values.unsure}\n${said}`;
      const greetingOnly = commandOf(this.deps.catalog, values.unsure)?.command === 'smallTalk';
      delete values.unsure;
      if (greetingOnly) return step.replaceDialog(MainDialog.flowId, { restart: true } satisfies MainOptions);
    }
    await this.greetOnce(step.context);
    values.said = said;
    // The topic dialog is begun only to ask which route is meant.
    const settled = await this.topics.settle(step.context, said);
    if ('route' in settled) return goOn(step, settled.route, (routeId) => this.answer(step, routeId));
    return step.beginDialog(TopicDialog.id, { text: said, unsettled: settled.ask } satisfies TopicOptions);
  }

  /** The language a reply to "which language?" names: a button's value, or the language's name or switch words. */
  private languageNamed(said: string, choices: readonly string[]): string | undefined {
    const { languages } = this.deps.catalog;
    return choices.find((code) => answeredWith(said, code, [languages[code]!.name, ...languages[code]!.switch]));
  }

  /** Whether a message is an area's or a route's button (its id), not words to read. */
  private isButton(said: string): boolean {
    const id = said.trim().toLowerCase();
    return this.deps.catalog.areas.some((area) => area.id === id) || this.deps.catalog.routes.some((route) => route.id === id);
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

  private async answer(step: WaterfallStepContext, given: unknown = step.result): Promise<DialogTurnResult> {
    const routeId = given as string | undefined;
    const { said } = step.values as Finding;
    if (routeId) return step.beginDialog(RouteAnswerDialog.id, { routeId, ...(said ? { said } : {}) } satisfies RouteAnswerOptions);
    return goOn(step, undefined, () => this.loop(step));
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

  protected override async onVolunteerCommand(innerDc: DialogContext, action: VolunteerCommand): Promise<DialogTurnResult | undefined> {
    if (!this.deps.volunteers) return undefined;
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(VolunteerManageDialog.id, { action } satisfies VolunteerManageOptions);
  }

  protected override async onSwitchTopic(innerDc: DialogContext, routeId: string): Promise<DialogTurnResult | undefined> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(RouteAnswerDialog.id, { routeId } satisfies RouteAnswerOptions);
  }
}
